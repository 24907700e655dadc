import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { outbox } from '@/db/schema';
import type { Db } from '@/db/client';
import type { Transports } from './transports';

export const MAX_ATTEMPTS = 8;
const LOCK_SECONDS = 120;

/** Back-off after the n-th failed attempt: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'no-transport';

/**
 * Delivers one outbox message. Idempotent: the message is claimed with a conditional update, so
 * a job that runs twice (or two workers at once) sends it once.
 */
export async function deliverMessage(
  db: Db,
  id: string,
  transports: Transports,
): Promise<DeliveryOutcome> {
  const [peek] = await db.select({ channel: outbox.channel }).from(outbox).where(eq(outbox.id, id));
  if (!peek) return 'skipped';
  const transport = transports[peek.channel];
  if (!transport) return 'no-transport'; // stays pending: shown at /dev/inbox

  const [claimed] = await db
    .update(outbox)
    .set({
      status: 'sending',
      attempts: sql`${outbox.attempts} + 1`,
      lockedUntil: sql`now() + make_interval(secs => ${LOCK_SECONDS})`,
    })
    .where(
      and(
        eq(outbox.id, id),
        or(
          and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql`now()`)),
          and(eq(outbox.status, 'sending'), lte(outbox.lockedUntil, sql`now()`)),
        ),
      ),
    )
    .returning();
  if (!claimed) return 'skipped';

  try {
    await transport({
      id: claimed.id,
      recipient: claimed.recipient,
      subject: claimed.subject,
      body: claimed.body,
    });
  } catch (error) {
    const failed = claimed.attempts >= MAX_ATTEMPTS;
    await db
      .update(outbox)
      .set({
        status: failed ? 'failed' : 'pending',
        lockedUntil: null,
        lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(claimed.attempts)})`,
      })
      .where(eq(outbox.id, id));
    return failed ? 'failed' : 'retry';
  }

  await db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: sql`now()`,
      lockedUntil: null,
      lastError: null,
      // A delivered sign-in code has no business staying readable in the database.
      ...(claimed.template === 'auth.otp' ? { body: '[sign-in code delivered; redacted]' } : {}),
    })
    .where(eq(outbox.id, id));
  return 'sent';
}

/** Messages due for (re)delivery on the channels that have a transport. */
export async function dueMessageIds(
  db: Db,
  channels: ('email' | 'sms')[],
  limit = 500,
): Promise<string[]> {
  if (channels.length === 0) return [];
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        inArray(outbox.channel, channels),
        or(
          and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql`now()`)),
          and(eq(outbox.status, 'sending'), lte(outbox.lockedUntil, sql`now()`)),
        ),
      ),
    )
    .orderBy(outbox.createdAt)
    .limit(limit);
  return rows.map((r) => r.id);
}
