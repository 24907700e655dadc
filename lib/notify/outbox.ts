import { outbox } from '@/db/schema';
import { sql } from 'drizzle-orm';
import { pgArray, type DbOrTx } from '@/db/client';

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

/** Many messages in a few statements (bulk publishing), in the caller's transaction. */
export async function addManyToOutbox(tx: DbOrTx, messages: OutboxMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 5000) {
    const m = messages.slice(i, i + 5000);
    await tx.execute(sql`
      insert into outbox (channel, recipient, subject, body, template)
      select * from unnest(${pgArray(m.map((x) => x.channel))}::notify_channel[],
        ${pgArray(m.map((x) => x.recipient))}::text[], ${pgArray(m.map((x) => x.subject ?? null))}::text[],
        ${pgArray(m.map((x) => x.body))}::text[], ${pgArray(m.map((x) => x.template))}::text[])`);
  }
}
