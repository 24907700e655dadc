import { outbox } from '@/db/schema';
import type { DbOrTx } from '@/db/client';

export type OutboxMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  body: string;
  template: string;
};

/**
 * Writes a message to the outbox. Call it with the transaction that makes the change the
 * message is about, so that both commit or neither does (DESIGN.md, Data).
 */
export async function addToOutbox(tx: DbOrTx, message: OutboxMessage): Promise<string> {
  const [row] = await tx
    .insert(outbox)
    .values({
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      template: message.template,
    })
    .returning({ id: outbox.id });
  return row!.id;
}

/**
 * One text to many recipients as a single bulk message (delivered one send per recipient, see
 * `deliverMessage`), in the caller's transaction. Bulk publishing writes its own in SQL.
 */
export async function addBulkToOutbox(
  tx: DbOrTx,
  message: Omit<OutboxMessage, 'recipient'> & { recipients: string[] },
): Promise<string> {
  if (message.recipients.length === 0) throw new Error('A bulk message needs recipients');
  const [row] = await tx
    .insert(outbox)
    .values({
      channel: message.channel,
      recipients: message.recipients,
      subject: message.subject ?? null,
      body: message.body,
      template: message.template,
    })
    .returning({ id: outbox.id });
  return row!.id;
}
