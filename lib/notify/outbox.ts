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

/** Many messages in one statement (bulk publishing), in the caller's transaction. */
export async function addManyToOutbox(tx: DbOrTx, messages: OutboxMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 2000) {
    await tx.insert(outbox).values(
      messages.slice(i, i + 2000).map((m) => ({
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject ?? null,
        body: m.body,
        template: m.template,
      })),
    );
  }
}
