import { outbox } from '@/db/schema';
import type { DbOrTx } from '@/db/client';

export type OutboxMessage = {
  channel: 'email' | 'sms';
  recipient: string;
  subject?: string;
  body: string;
  template: string;
};

export type BulkOutboxMessage = Omit<OutboxMessage, 'recipient'> & { recipients: string[] };

async function insertMessage(
  tx: DbOrTx,
  { subject, ...message }: OutboxMessage | BulkOutboxMessage,
): Promise<string> {
  const [row] = await tx
    .insert(outbox)
    .values({ ...message, subject: subject ?? null })
    .returning({ id: outbox.id });
  return row!.id;
}

/**
 * Writes a message to the outbox. Call it with the transaction that makes the change the
 * message is about, so that both commit or neither does (DESIGN.md, Data).
 */
export async function addToOutbox(tx: DbOrTx, message: OutboxMessage): Promise<string> {
  return insertMessage(tx, message);
}

/**
 * One text to many recipients as a single bulk message (delivered one send per recipient, see
 * `deliverMessage`), in the caller's transaction. Bulk publishing writes its own in SQL.
 */
export async function addBulkToOutbox(tx: DbOrTx, message: BulkOutboxMessage): Promise<string> {
  if (message.recipients.length === 0) throw new Error('A bulk message needs recipients');
  return insertMessage(tx, message);
}
