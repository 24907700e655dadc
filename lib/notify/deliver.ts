import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { outbox } from '@/db/schema';
import type { Db, DbOrTx } from '@/db/client';
import type { Transports } from './transports';

export const MAX_ATTEMPTS = 8;
const LOCK_SECONDS = 120;
/** A bulk message saves its progress after this many sends, or this long, whichever is first. */
const PROGRESS_EVERY = 50;
const PROGRESS_MS = 20_000;

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

  // A message to one recipient is one send. A bulk message is one send per number, starting
  // after those an earlier attempt handed over; progress is saved (and the claim extended) as it
  // goes, and a failure keeps it, so a retry sends no number twice.
  const bulk = claimed.recipients;
  const recipients = bulk ?? [claimed.recipient!];
  const from = bulk ? Math.min(claimed.sentCount, bulk.length) : 0;
  let sent = from;
  let saved = { count: from, at: Date.now() };
  /** Writes `values` if the claim is still ours (in `on`: a transaction, or the pool). */
  const stillOurs = async (values: PgUpdateSetSource<typeof outbox>, on: DbOrTx = db) =>
    (
      await on
        .update(outbox)
        .set(values)
        .where(
          and(
            eq(outbox.id, id),
            eq(outbox.status, 'sending'),
            eq(outbox.attempts, claimed.attempts),
          ),
        )
        .returning({ id: outbox.id })
    ).length > 0;
  try {
    for (; sent < recipients.length; sent++) {
      if (
        bulk &&
        sent > saved.count &&
        (sent - saved.count >= PROGRESS_EVERY || Date.now() - saved.at >= PROGRESS_MS)
      ) {
        const extended = await stillOurs({
          sentCount: sent,
          lockedUntil: sql`now() + make_interval(secs => ${LOCK_SECONDS})`,
        });
        if (!extended) return 'skipped'; // another worker took it over after our claim lapsed
        saved = { count: sent, at: Date.now() };
      }
      await transport({
        id: bulk ? `${claimed.id}.${sent}` : claimed.id,
        recipient: recipients[sent]!,
        subject: claimed.subject,
        body: claimed.body,
      });
    }
  } catch (error) {
    // A failure after progress counts as the first attempt for the number it stopped at.
    const attempts = sent > from ? 1 : claimed.attempts;
    const failed = attempts >= MAX_ATTEMPTS;
    const reason = String(error instanceof Error ? error.message : error);
    if (failed && bulk) {
      // One number that keeps failing (one the gateway refuses, say) must not hold back the
      // rest of the list: it becomes a failed message of its own, and the list goes on.
      const movedOut = await db.transaction(async (tx) => {
        const kept = await stillOurs(
          {
            status: 'pending',
            attempts: 0,
            sentCount: sent + 1,
            lockedUntil: null,
            lastError: (
              `number ${sent + 1} of ${bulk.length} failed ${attempts} times and was moved ` +
              `to a failed message of its own: ${reason}`
            ).slice(0, 500),
            nextAttemptAt: sql`now()`,
          },
          tx,
        );
        if (!kept) return false;
        await tx.insert(outbox).values({
          channel: claimed.channel,
          recipient: bulk[sent]!,
          subject: claimed.subject,
          body: claimed.body,
          template: claimed.template,
          status: 'failed',
          attempts,
          lastError: reason.slice(0, 500),
        });
        return true;
      });
      // The rest of the list, now (each number that is moved out has failed every attempt).
      return movedOut ? deliverMessage(db, id, transports) : 'skipped';
    }
    await stillOurs({
      status: failed ? 'failed' : 'pending',
      attempts,
      sentCount: sent,
      lockedUntil: null,
      lastError: (bulk ? `number ${sent + 1} of ${bulk.length}: ${reason}` : reason).slice(0, 500),
      nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(attempts)})`,
    });
    return failed ? 'failed' : 'retry';
  }

  await stillOurs({
    status: 'sent',
    sentAt: sql`now()`,
    sentCount: recipients.length,
    lockedUntil: null,
    lastError: null,
    // A delivered sign-in code has no business staying readable in the database.
    ...(claimed.template === 'auth.otp' ? { body: '[sign-in code delivered; redacted]' } : {}),
  });
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
