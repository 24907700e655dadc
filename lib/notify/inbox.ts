import 'server-only';
import { count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { config } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';
import { normaliseEmail, normaliseMobile } from '@/lib/identity/identifiers';

/** /dev/inbox: the outbox as a local mailbox. Refuses to exist in production. */
export async function devInboxMessages(to: string | undefined, db: Db = getDb()) {
  if (!config.devInboxEnabled) throw new NotFoundError();
  const recipient = to ? (normaliseMobile(to) ?? normaliseEmail(to) ?? to.trim()) : undefined;
  return db
    .select()
    .from(outbox)
    .where(
      recipient
        ? or(eq(outbox.recipient, recipient), sql`${recipient} = any(${outbox.recipients})`)
        : undefined,
    )
    .orderBy(desc(outbox.createdAt))
    .limit(50);
}

export async function pendingOutboxCount(db: Db = getDb()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(outbox)
    .where(inArray(outbox.status, ['pending', 'sending']));
  return row?.n ?? 0;
}
