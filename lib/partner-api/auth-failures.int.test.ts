import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, type DbOrTx } from '@/db/client';
import { auditLog, partnerAuthFailures, rateLimitEvents } from '@/db/schema';
import { testDb, uniqueIp } from '@/tests/helpers';
import {
  addressBlocked,
  AUTH_FAILURE_WINDOW_SECONDS,
  AUTH_FAILURES_PER_ADDRESS,
  AUTH_FAILURES_PER_ORG,
  authFailureSummary,
  partnerIdOfOrg,
  recordAuthFailure,
  type FailedAuth,
} from './auth-failures';
import { createPartner, revokePartner } from './partners';

// Failed partner authentications: limited per client address and per orgId over a 10-minute
// window, counted per partner and hour, and audited on the first failure of each hour.

const { db, sql: pool } = testDb();
afterAll(async () => {
  await closeDb();
  await pool.end();
});

const failure = (o: Partial<FailedAuth> = {}): FailedAuth => ({
  partnerId: null,
  orgId: `org-${randomUUID()}`,
  ip: uniqueIp(),
  reason: 'bad-mac',
  endpoint: 'doc',
  txn: 'txn-1',
  ...o,
});
const eventsOf = async (bucket: string, key: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(rateLimitEvents)
      .where(and(eq(rateLimitEvents.bucket, bucket), eq(rateLimitEvents.key, key)))
  )[0]!.n;
const hourRows = (partnerId: string) =>
  db.select().from(partnerAuthFailures).where(eq(partnerAuthFailures.partnerId, partnerId));
const auditsOf = (db: DbOrTx, orgId: string) =>
  db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'digilocker.auth-failed'),
        sql`${auditLog.detail}->>'orgId' = ${orgId}`,
      ),
    );
/** A failure of this address `secondsAgo`, as the limit records it. */
const pastEvent = (bucket: string, key: string, secondsAgo: number) =>
  db
    .insert(rateLimitEvents)
    .values({ bucket, key, at: sql`now() - make_interval(secs => ${secondsAgo})` });

describe('the limit per client address', () => {
  it('blocks the address at its limit, not one failure before', async () => {
    const ip = uniqueIp();
    expect(await addressBlocked(db, ip)).toBe(false);
    // Each failure names another orgId, so only the address limit can be reached.
    for (let i = 1; i < AUTH_FAILURES_PER_ADDRESS; i++)
      expect(await recordAuthFailure(db, failure({ ip }))).toBe(false);
    expect(await addressBlocked(db, ip)).toBe(false);
    expect(await recordAuthFailure(db, failure({ ip }))).toBe(false);
    expect(await eventsOf('partner-auth-address', ip)).toBe(AUTH_FAILURES_PER_ADDRESS);
    expect(await addressBlocked(db, ip)).toBe(true);
    // The next failure is over the limit, and says so.
    expect(await recordAuthFailure(db, failure({ ip }))).toBe(true);
    // Another address is not blocked by this one's failures.
    expect(await addressBlocked(db, uniqueIp())).toBe(false);
  });

  it('counts only this window’s failures, and only those of the address bucket', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < AUTH_FAILURES_PER_ADDRESS; i++) {
      await pastEvent('partner-auth-address', ip, AUTH_FAILURE_WINDOW_SECONDS + 5);
      await pastEvent('partner-auth-org', ip, 1);
    }
    expect(await addressBlocked(db, ip)).toBe(false);
    for (let i = 1; i < AUTH_FAILURES_PER_ADDRESS; i++)
      await pastEvent('partner-auth-address', ip, AUTH_FAILURE_WINDOW_SECONDS - 30);
    expect(await addressBlocked(db, ip)).toBe(false);
    await pastEvent('partner-auth-address', ip, 1);
    expect(await addressBlocked(db, ip)).toBe(true);
  });

  it('takes nothing more from the limits for a request refused as rate-limited', async () => {
    const f = failure({ reason: 'rate-limited' });
    expect(await recordAuthFailure(db, f)).toBe(true);
    expect(await eventsOf('partner-auth-address', f.ip)).toBe(0);
    expect(await eventsOf('partner-auth-org', f.orgId)).toBe(0);
  });
});

describe('the limit per orgId', () => {
  it('turns failures naming one orgId into "limited" past its limit, from any address', async () => {
    const orgId = `org-${randomUUID()}`;
    for (let i = 0; i < AUTH_FAILURES_PER_ORG; i++)
      expect(await recordAuthFailure(db, failure({ orgId }))).toBe(false);
    expect(await eventsOf('partner-auth-org', orgId)).toBe(AUTH_FAILURES_PER_ORG);
    const ip = uniqueIp();
    expect(await recordAuthFailure(db, failure({ orgId, ip }))).toBe(true);
    // The orgId's limit does not block the address that met it.
    expect(await addressBlocked(db, ip)).toBe(false);
    expect(await recordAuthFailure(db, failure({ ip }))).toBe(false);
  });
});

describe('hourly counts and the audit', () => {
  it('counts every failure of the hour, keeps the last reason, and audits the first alone', async () => {
    const p = await createPartner(db, 'Counted client');
    const ip = uniqueIp();
    const first = failure({ partnerId: p.id, orgId: p.orgId, ip, txn: 'x'.repeat(250) });
    await recordAuthFailure(db, first);
    const [one] = await hourRows(p.id);
    expect(one).toMatchObject({ failures: 1, lastReason: 'bad-mac' });
    await new Promise((r) => setTimeout(r, 20));
    await recordAuthFailure(db, failure({ partnerId: p.id, orgId: p.orgId, reason: 'stale-ts' }));
    await recordAuthFailure(
      db,
      failure({ partnerId: p.id, orgId: p.orgId, reason: 'bad-keyhash' }),
    );
    const rows = await hourRows(p.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ failures: 3, lastReason: 'bad-keyhash' });
    expect(rows[0]!.lastAt.getTime()).toBeGreaterThan(one!.lastAt.getTime());
    expect(rows[0]!.hour.getUTCMinutes()).toBe(0);
    expect(rows[0]!.hour.getUTCSeconds()).toBe(0);

    const audits = await auditsOf(db, p.orgId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: null,
      objectType: 'partner',
      objectId: p.id,
      outcome: 'denied',
      ip,
      detail: { reason: 'bad-mac', orgId: p.orgId, txn: 'x'.repeat(200), endpoint: 'doc' },
    });
  });

  it('audits a failure naming no partner without an object', async () => {
    // In a transaction rolled back at the end, so that this hour's row of unnamed orgIds is
    // absent here whatever other tests counted.
    const orgId = `org-${randomUUID()}`;
    const seen = await db
      .transaction(async (tx) => {
        await tx.delete(partnerAuthFailures).where(isNull(partnerAuthFailures.partnerId));
        await recordAuthFailure(tx, failure({ orgId, reason: 'unknown-org' }));
        await recordAuthFailure(tx, failure({ orgId, reason: 'unknown-org' }));
        const audits = await auditsOf(tx, orgId);
        const rows = await tx
          .select()
          .from(partnerAuthFailures)
          .where(isNull(partnerAuthFailures.partnerId));
        throw Object.assign(new Error('rollback'), { seen: { audits, rows } });
      })
      .catch((e: { seen?: unknown }) => e.seen);
    expect(seen).toMatchObject({
      audits: [{ objectType: null, objectId: null, detail: { reason: 'unknown-org', orgId } }],
      rows: [{ failures: 2, lastReason: 'unknown-org' }],
    });
  });
});

describe('partnerIdOfOrg', () => {
  it('names the partner of an orgId, a revoked one too, and null for none', async () => {
    const p = await createPartner(db, 'Named client');
    expect(await partnerIdOfOrg(db, p.orgId)).toBe(p.id);
    await revokePartner(db, p.id);
    expect(await partnerIdOfOrg(db, p.orgId)).toBe(p.id);
    expect(await partnerIdOfOrg(db, `org-${randomUUID()}`)).toBeNull();
  });
});

describe('authFailureSummary', () => {
  it('sums this hour and the 22 before it per partner, with the newest failure’s time and reason', async () => {
    const p = await createPartner(db, 'Summed client');
    const q = await createPartner(db, 'Quiet client');
    const at = (hoursAgo: number, failures: number, lastReason: string) =>
      db.insert(partnerAuthFailures).values({
        partnerId: p.id,
        hour: sql`date_trunc('hour', now()) - make_interval(hours => ${hoursAgo})`,
        failures,
        lastReason,
        lastAt: sql`date_trunc('hour', now()) - make_interval(hours => ${hoursAgo}) + interval '5 minutes'`,
      });
    // This hour and the 22 before it: 23 hours ago is already outside.
    await at(23, 100, 'too-old');
    await at(22, 4, 'oldest-counted');
    await at(2, 3, 'newest');
    await at(5, 2, 'between');
    const { byPartner, unknown } = await authFailureSummary(db);
    const s = byPartner.get(p.id)!;
    expect(s).toMatchObject({ failures: 9, lastReason: 'newest' });
    const [{ expected }] = (await db.execute(
      sql`select date_trunc('hour', now()) - interval '2 hours' + interval '5 minutes' as expected`,
    )) as unknown as [{ expected: string | Date }];
    expect(s.lastAt!.getTime()).toBe(new Date(expected).getTime());
    // A partner with no failures is not listed; unnamed orgIds are summed apart.
    expect(byPartner.has(q.id)).toBe(false);
    expect(unknown.failures).toBeGreaterThanOrEqual(0);
    expect([...byPartner.values()].every((v) => v.failures > 0 && v.lastAt && v.lastReason)).toBe(
      true,
    );
  });

  it('sums unnamed orgIds into `unknown`, empty when there are none', async () => {
    const seen = await db
      .transaction(async (tx) => {
        await tx.delete(partnerAuthFailures).where(isNull(partnerAuthFailures.partnerId));
        const none = (await authFailureSummary(tx)).unknown;
        await tx.insert(partnerAuthFailures).values([
          {
            partnerId: null,
            hour: sql`date_trunc('hour', now()) - interval '3 hours'`,
            failures: 2,
            lastReason: 'older',
            lastAt: sql`now() - interval '3 hours'`,
          },
          {
            partnerId: null,
            hour: sql`date_trunc('hour', now())`,
            failures: 5,
            lastReason: 'unknown-org',
          },
        ]);
        const after = await authFailureSummary(tx);
        const some = after.unknown;
        // Unnamed orgIds are not listed as a partner of their own.
        const partnerIds = [...after.byPartner.keys()].filter((k) => typeof k !== 'string');
        throw Object.assign(new Error('rollback'), { seen: { none, some, partnerIds } });
      })
      .catch((e: { seen?: unknown }) => e.seen);
    expect(seen).toMatchObject({
      none: { failures: 0, lastAt: null, lastReason: null },
      some: { failures: 7, lastReason: 'unknown-org', lastAt: expect.any(Date) },
      partnerIds: [],
    });
  });
});
