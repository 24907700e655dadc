import type { DbOrTx } from '@/db/client';
import { addToOutbox, type OutboxMessage } from '@/lib/notify/outbox';

/** Who acts, and from where, for the audit log. The action layer fills it from the session. */
export type ActorContext = { actorUserId: string; ip?: string | null; userAgent?: string | null };

/** Writes the messages in the caller's transaction; the ids go to `enqueueSoon` after commit. */
export async function queueMessages(tx: DbOrTx, messages: OutboxMessage[]): Promise<string[]> {
  const ids: string[] = [];
  for (const m of messages) ids.push(await addToOutbox(tx, m));
  return ids;
}
