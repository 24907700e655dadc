import 'server-only';
import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partnerAuthFailures, partners, rateLimitEvents } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { takeRateLimit } from '@/lib/auth/rate-limit';

// Failed partner authentications are limited in PostgreSQL (rate_limit_events, so every app
// server sees the same counts), counted per partner and hour for the admin, and audited once an
// hour per partner rather than once per request.

export const AUTH_FAILURE_WINDOW_SECONDS = 10 * 60;
/** Failures from one client address before every request from it is refused for the window. */
export const AUTH_FAILURES_PER_ADDRESS = 20;
/** Failures naming one orgId before further failures for it are answered 429. */
export const AUTH_FAILURES_PER_ORG = 20;

const ADDRESS_BUCKET = 'partner-auth-address';
const ORG_BUCKET = 'partner-auth-org';

/** Whether this client address has used up its failures: it is then refused before any key work. */
export async function addressBlocked(db: DbOrTx, ip: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(rateLimitEvents)
    .where(
      and(
        eq(rateLimitEvents.bucket, ADDRESS_BUCKET),
        eq(rateLimitEvents.key, ip),
        gt(rateLimitEvents.at, sql`now() - make_interval(secs => ${AUTH_FAILURE_WINDOW_SECONDS})`),
      ),
    );
  return (row?.n ?? 0) >= AUTH_FAILURES_PER_ADDRESS;
}

export type FailedAuth = {
  /** The partner the orgId named (revoked ones included), or null. */
  partnerId: string | null;
  orgId: string;
  ip: string;
  reason: string;
  endpoint: string;
  txn: string;
};

/**
 * Counts a failed authentication and says whether its address or orgId is now over its limit.
 * A request refused because its address was already blocked (`reason: 'rate-limited'`) is
 * counted for the admin but takes nothing more from the limits.
 *
 * The orgId's limit only turns further failures into 429: a request with a good MAC still passes,
 * so someone who knows a partner's orgId cannot lock that partner out.
 */
export async function recordAuthFailure(db: DbOrTx, f: FailedAuth): Promise<boolean> {
  let limited = f.reason === 'rate-limited';
  if (!limited) {
    const addressOk = await takeRateLimit(
      db,
      ADDRESS_BUCKET,
      f.ip,
      AUTH_FAILURES_PER_ADDRESS,
      AUTH_FAILURE_WINDOW_SECONDS,
    );
    const orgOk = await takeRateLimit(
      db,
      ORG_BUCKET,
      f.orgId,
      AUTH_FAILURES_PER_ORG,
      AUTH_FAILURE_WINDOW_SECONDS,
    );
    limited = !addressOk || !orgOk;
  }
  const [row] = await db
    .insert(partnerAuthFailures)
    .values({
      partnerId: f.partnerId,
      hour: sql`date_trunc('hour', now())`,
      failures: 1,
      lastReason: f.reason,
    })
    .onConflictDoUpdate({
      target: [partnerAuthFailures.partnerId, partnerAuthFailures.hour],
      set: {
        failures: sql`${partnerAuthFailures.failures} + 1`,
        lastReason: f.reason,
        lastAt: sql`now()`,
      },
    })
    .returning({ failures: partnerAuthFailures.failures });
  if (row?.failures === 1)
    await recordAudit(db, {
      actorUserId: null,
      action: 'digilocker.auth-failed',
      objectType: f.partnerId ? 'partner' : undefined,
      objectId: f.partnerId ?? undefined,
      outcome: 'denied',
      ip: f.ip,
      // The first failure of this hour for this partner; the others are only counted.
      detail: { reason: f.reason, orgId: f.orgId, txn: f.txn.slice(0, 200), endpoint: f.endpoint },
    });
  return limited;
}

/** The partner an orgId names, whatever its status (for counting a refused request). */
export async function partnerIdOfOrg(db: DbOrTx, orgId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.orgId, orgId))
    .limit(1);
  return row?.id ?? null;
}

export type FailureSummary = { failures: number; lastAt: Date | null; lastReason: string | null };

/**
 * Failed authentications in the last 24 hourly counts (this hour and the 23 before it), per
 * partner id; `unknown` for unnamed orgIds.
 */
export async function authFailureSummary(
  db: DbOrTx,
): Promise<{ byPartner: Map<string, FailureSummary>; unknown: FailureSummary }> {
  const rows = await db
    .select({
      partnerId: partnerAuthFailures.partnerId,
      failures: partnerAuthFailures.failures,
      lastAt: partnerAuthFailures.lastAt,
      lastReason: partnerAuthFailures.lastReason,
    })
    .from(partnerAuthFailures)
    .where(gt(partnerAuthFailures.hour, sql`date_trunc('hour', now()) - interval '23 hours'`))
    .orderBy(desc(partnerAuthFailures.lastAt));
  const empty = (): FailureSummary => ({ failures: 0, lastAt: null, lastReason: null });
  const byPartner = new Map<string, FailureSummary>();
  const unknown = empty();
  for (const r of rows) {
    const s = r.partnerId ? (byPartner.get(r.partnerId) ?? empty()) : unknown;
    if (r.partnerId) byPartner.set(r.partnerId, s);
    s.failures += r.failures;
    // Rows come newest first, so the first one seen holds the latest failure.
    if (!s.lastAt) Object.assign(s, { lastAt: r.lastAt, lastReason: r.lastReason });
  }
  return { byPartner, unknown };
}
