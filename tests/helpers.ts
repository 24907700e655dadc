import { randomInt } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { createDb, type Db } from '@/db/client';
import { outbox } from '@/db/schema';

/** A fresh pool on the run's database. */
export function testDb() {
  return createDb(process.env.DATABASE_URL!, 5);
}

/** A mobile number no other test uses. */
export function uniqueMobile(): string {
  return `7${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

export function uniqueIp(): string {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

/** The 6-digit code in the newest message to `recipient` (of one template, if given). */
export async function lastCodeSentTo(
  db: Db,
  recipient: string,
  template?: string,
): Promise<string> {
  const [msg] = await db
    .select()
    .from(outbox)
    .where(
      and(eq(outbox.recipient, recipient), template ? eq(outbox.template, template) : undefined),
    )
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  if (!msg) throw new Error(`no message to ${recipient}`);
  return /\b(\d{6})\b/.exec(msg.body)![1]!;
}
