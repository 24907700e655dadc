import { createHmac, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { auditLog, partnerAuthFailures, partnerTransactions, partners } from '@/db/schema';
import { actAs } from '@/tests/acting-user';
import {
  createIssuer,
  createPerson,
  createPlatformAdmin,
  skillCertificate,
} from '@/tests/fixtures';
import { testDb, uniqueIp } from '@/tests/helpers';
import { hmacOf, keyhashOf, pullDocBody } from '@/tests/partner-requests';
import { issueCertificate } from '@/lib/credentials/issue';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { AUTH_FAILURES_PER_ADDRESS, AUTH_FAILURES_PER_ORG } from './auth-failures';
import {
  authenticatePartner,
  HMAC_CLOCK_SKEW_MS,
  tsIsFresh,
  type AuthResult,
} from './authenticate';
import { createPartner, listPartners, revokePartner, setPartnerKeyhash } from './partners';
import { handlePull } from './pull';

const { createPartnerAction, revokePartnerAction, setPartnerKeyhashAction } =
  await import('@/app/admin/partners/actions');

const { db, sql: pool } = testDb();
let uri: string;
let admin: { id: string };

beforeAll(async () => {
  const issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
  uri = (await issueCertificate(db, issuer.id, skillCertificate())).uri;
  admin = await createPlatformAdmin(db);
});
afterAll(async () => {
  await closeDb();
  await pool.end();
});

type Partner = { id: string; orgId: string; apiKey: string };

const signed = (p: Partner, o: { ts?: string; orgId?: string } = {}) => {
  const body = pullDocBody({ orgId: p.orgId, uri, ...o });
  return { body, header: hmacOf(body, p.apiKey) };
};
const withKeyhash = (p: Partner, ts = new Date().toISOString(), enc: 'hex' | 'base64' = 'hex') => ({
  body: pullDocBody({ orgId: p.orgId, uri, ts, keyhash: keyhashOf(p.apiKey, ts, enc) }),
  header: null,
});
const send = (r: { body: string; header: string | null }, ip = uniqueIp()) =>
  handlePull(db, 'doc', Buffer.from(r.body), r.header, ip);

const failuresOf = async (partnerId: string) =>
  (
    await db
      .select({ n: sql<number>`coalesce(sum(${partnerAuthFailures.failures}), 0)::int` })
      .from(partnerAuthFailures)
      .where(eq(partnerAuthFailures.partnerId, partnerId))
  )[0]!.n;
const failureAudits = (partnerId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'digilocker.auth-failed'), eq(auditLog.objectId, partnerId)));

describe('the legacy keyhash', () => {
  it('is refused, with a clear reason, and counted, until the admin allows it', async () => {
    const p = await createPartner(db, 'Keyhash client');
    const r = await send(withKeyhash(p));
    expect(r.status).toBe(401);
    expect(r.body).toContain('status="0"');
    expect(r.outcome).toBe(
      'keyhash is not enabled for this partner: sign the body with the x-digilocker-hmac header',
    );
    expect(await failuresOf(p.id)).toBe(1);
    expect((await failureAudits(p.id))[0]?.detail).toMatchObject({
      reason: 'keyhash-not-allowed',
    });
  });

  it('works once the admin allows it (audited), for 2 minutes either way of the server clock', async () => {
    const p = await createPartner(db, 'Legacy client');
    actAs(admin.id);
    expect(await setPartnerKeyhashAction({ id: p.id, allowed: true })).toEqual({
      ok: true,
      data: null,
    });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'partner.keyhash.allow'), eq(auditLog.objectId, p.id)));
    expect(audit).toMatchObject({ actorUserId: admin.id, detail: { name: 'Legacy client' } });

    for (const enc of ['hex', 'base64'] as const)
      expect((await send(withKeyhash(p, new Date().toISOString(), enc))).outcome).toBe(`ok ${uri}`);
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    expect((await send(withKeyhash(p, at(-1.5)))).status).toBe(200);
    for (const minutes of [-3, 3]) {
      const r = await send(withKeyhash(p, at(minutes)));
      expect(r.status, String(minutes)).toBe(401);
      expect(r.outcome).toMatch(/^ts is too far from server time/);
    }
    // The HMAC header keeps its 5 minutes.
    expect((await send(signed(p, { ts: at(-3) }))).status).toBe(200);

    // Stopping it takes effect at the next request.
    expect((await setPartnerKeyhashAction({ id: p.id, allowed: false })).ok).toBe(true);
    expect((await send(withKeyhash(p))).status).toBe(401);
  });

  it('is switched only by the platform admin, and never for a revoked partner', async () => {
    const p = await createPartner(db, 'Someone else’s client');
    actAs((await createPerson(db)).id);
    const refused = await setPartnerKeyhashAction({ id: p.id, allowed: true });
    expect(refused.ok || refused.error.status).toBe(403);
    actAs(admin.id);
    expect((await revokePartnerAction({ id: p.id })).ok).toBe(true);
    const revoked = await setPartnerKeyhashAction({ id: p.id, allowed: true });
    expect(revoked.ok || revoked.error.message).toBe('This partner was revoked');
    const [row] = await db.select().from(partners).where(eq(partners.id, p.id));
    expect(row!.keyhashAllowed).toBe(false);
  });
});

describe('finding the partner by orgId', () => {
  it('unseals only the named partner’s key: one unreadable key breaks no one else', async () => {
    const broken = await createPartner(db, 'Broken key');
    await db.update(partners).set({ apiKeySealed: 'not-sealed' }).where(eq(partners.id, broken.id));
    const p = await createPartner(db, 'Healthy client');
    expect((await send(signed(p))).outcome).toBe(`ok ${uri}`);
  });

  it('refuses a request signed with one partner’s key that names another’s orgId', async () => {
    const a = await createPartner(db, 'Partner A');
    const b = await createPartner(db, 'Partner B');
    const body = pullDocBody({ orgId: b.orgId, uri });
    const r = await send({ body, header: hmacOf(body, a.apiKey) });
    expect(r.status).toBe(401);
    expect(r.outcome).toBe('authentication failed');
    expect(await failuresOf(b.id)).toBe(1);
  });

  it('gives the admin the orgId with the key, and records it in the audit log', async () => {
    actAs(admin.id);
    const r = await createPartnerAction({ name: 'Created in the UI' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.orgId).toMatch(/^partner-[0-9a-f]{10}$/);
    const [row] = await db.select().from(partners).where(eq(partners.orgId, r.data.orgId));
    expect(row!.keyhashAllowed).toBe(false);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'partner.create'), eq(auditLog.objectId, row!.id)));
    expect(audit!.detail).toEqual({ name: 'Created in the UI', orgId: r.data.orgId });
  });
});

describe('failed authentications', () => {
  it('are audited once an hour per partner and counted for the admin', async () => {
    const p = await createPartner(db, 'Noisy client');
    const wrong = { ...p, apiKey: 'guess' };
    for (let i = 0; i < 5; i++) expect((await send(signed(wrong))).status).toBe(401);
    expect(await failureAudits(p.id)).toHaveLength(1);
    const { partners: listed } = await listPartners(db);
    const mine = listed.find((l) => l.id === p.id)!;
    expect(mine.failures).toMatchObject({ failures: 5, lastReason: 'bad-mac' });
    expect(mine.failures.lastAt).toBeInstanceOf(Date);
  });

  it('counts requests naming no partner apart', async () => {
    const before = (await listPartners(db)).unknownOrgFailures.failures;
    const ghost = { id: '', orgId: 'no-such-partner', apiKey: 'x' };
    expect((await send(signed(ghost))).outcome).toBe('authentication failed');
    expect((await listPartners(db)).unknownOrgFailures).toMatchObject({
      failures: before + 1,
      lastReason: 'unknown-org',
    });
  });

  it('block the address once its limit is used up, before any key is checked', async () => {
    const p = await createPartner(db, 'Attacked client');
    const wrong = { ...p, apiKey: 'guess' };
    const ip = uniqueIp();
    for (let i = 0; i < AUTH_FAILURES_PER_ADDRESS; i++)
      expect((await send(signed(wrong), ip)).status).toBe(401);
    const last = await send(signed(wrong), ip);
    expect(last.status).toBe(429);
    expect(last.outcome).toBe('too many failed authentications; try again in 10 minutes');
    expect(last.retryAfterSeconds).toBe(600);
    // Now even a good request from that address waits; from another address it passes.
    expect((await send(signed(p), ip)).status).toBe(429);
    expect((await send(signed(p))).status).toBe(200);
    // No key is unsealed for a blocked address: an unreadable one is never reached.
    const broken = await createPartner(db, 'Unreadable key');
    await db.update(partners).set({ apiKeySealed: 'not-sealed' }).where(eq(partners.id, broken.id));
    expect((await send(signed(broken), ip)).status).toBe(429);
    // Refused requests count too, the good one included: the admin sees the whole attack.
    expect(await failuresOf(p.id)).toBe(AUTH_FAILURES_PER_ADDRESS + 2);
    expect(await failureAudits(p.id)).toHaveLength(1);
  });

  it('limit failures per orgId across addresses, without locking the real partner out', async () => {
    const p = await createPartner(db, 'Targeted client');
    const wrong = { ...p, apiKey: 'guess' };
    for (let i = 0; i < AUTH_FAILURES_PER_ORG; i++)
      expect((await send(signed(wrong))).status).toBe(401);
    expect((await send(signed(wrong))).status).toBe(429);
    expect((await send(signed(wrong))).status).toBe(429);
    expect((await send(signed(p))).outcome).toBe(`ok ${uri}`);
  });
});

describe('authenticatePartner', () => {
  const body = Buffer.from('<PullDocRequest>any body</PullDocRequest>');
  const digest = (key: string, b = body) => createHmac('sha256', key).update(b).digest();
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const check = (
    p: Partner,
    over: Partial<Parameters<typeof authenticatePartner>[1]> = {},
  ): Promise<AuthResult> =>
    authenticatePartner(db, {
      rawBody: body,
      hmacHeader: digest(p.apiKey).toString('base64'),
      keyhash: null,
      orgId: p.orgId,
      ts: new Date().toISOString(),
      txn: randomUUID(),
      endpoint: 'pull-doc',
      ...over,
    });
  const refused = (p: Partner | null, reason: string) => ({
    ok: false,
    reason,
    partnerId: p?.id ?? null,
  });
  let p: Partner & { name: string };
  beforeAll(async () => {
    p = { ...(await createPartner(db, 'MAC client')), name: 'MAC client' };
  });

  it('accepts the MAC as base64 of the digest or of its hex, spaces around it ignored', async () => {
    const ok = { ok: true, partnerId: p.id, partnerName: 'MAC client' };
    expect(await check(p)).toEqual(ok);
    const hex = Buffer.from(digest(p.apiKey).toString('hex')).toString('base64');
    expect(await check(p, { hmacHeader: hex })).toEqual(ok);
    expect(await check(p, { hmacHeader: ` ${digest(p.apiKey).toString('base64')}\t` })).toEqual(ok);
  });

  it('compares every byte of the MAC: one wrong byte anywhere is refused', async () => {
    const mac = digest(p.apiKey);
    for (const at of [0, 7, 8, 16, 31]) {
      const wrong = Buffer.from(mac);
      wrong[at]! ^= 1;
      expect(await check(p, { hmacHeader: wrong.toString('base64') }), String(at)).toEqual(
        refused(p, 'bad-mac'),
      );
    }
    // The same in the hex form.
    const hex = mac.toString('hex');
    const wrongHex = `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
    expect(await check(p, { hmacHeader: Buffer.from(wrongHex).toString('base64') })).toEqual(
      refused(p, 'bad-mac'),
    );
  });

  it('refuses a truncated MAC, and one of another body or key', async () => {
    const full = digest(p.apiKey).toString('base64');
    const hexForm = Buffer.from(digest(p.apiKey).toString('hex')).toString('base64');
    for (const header of [
      full.slice(0, 43),
      full.slice(0, 12),
      digest(p.apiKey).subarray(0, 8).toString('base64'),
      digest(p.apiKey).subarray(0, 16).toString('base64'),
      hexForm.slice(0, 44),
      `${full}A`,
      digest(p.apiKey, Buffer.from('another body')).toString('base64'),
      digest('another key').toString('base64'),
    ])
      expect(await check(p, { hmacHeader: header }), header).toEqual(refused(p, 'bad-mac'));
  });

  it('takes ts 5 minutes either way of the server clock: a future ts beyond is refused', async () => {
    for (const minutes of [-4.5, 4.5])
      expect((await check(p, { ts: at(minutes) })).ok, String(minutes)).toBe(true);
    for (const ts of [at(6), at(60 * 24), at(-6), 'not a time', ''])
      expect(await check(p, { ts }), ts).toEqual(refused(p, 'stale-ts'));
  });

  it('checks the MAC before the ts, so a wrong key learns nothing about the clock', async () => {
    expect(await check(p, { ts: at(60), hmacHeader: digest('guess').toString('base64') })).toEqual(
      refused(p, 'bad-mac'),
    );
  });

  it('counts only the header when both are given, and a keyhash only when allowed', async () => {
    const q = await createPartner(db, 'Keyhash and header');
    await setPartnerKeyhash(db, q.id, true);
    const ts = new Date().toISOString();
    const keyhash = keyhashOf(q.apiKey, ts);
    expect((await check(q, { hmacHeader: null, keyhash, ts })).ok).toBe(true);
    expect(await check(q, { hmacHeader: digest('guess').toString('base64'), keyhash, ts })).toEqual(
      refused(q, 'bad-mac'),
    );
    // An uppercase hex keyhash, spaces around it.
    const upper = ` ${keyhashOf(q.apiKey, ts).toUpperCase()} `;
    expect((await check(q, { hmacHeader: null, keyhash: upper, ts })).ok).toBe(true);
    expect(
      (await check(q, { hmacHeader: null, keyhash: ` ${keyhashOf(q.apiKey, ts, 'base64')} `, ts }))
        .ok,
    ).toBe(true);
    // A keyhash of another ts, a truncated one, one of another key.
    for (const k of [
      keyhashOf(q.apiKey, at(-1)),
      keyhash.slice(0, 32),
      keyhashOf(q.apiKey, ts, 'base64').slice(0, 40),
      keyhashOf('guess', ts),
    ])
      expect(await check(q, { hmacHeader: null, keyhash: k, ts }), k).toEqual(
        refused(q, 'bad-mac'),
      );
    // 2 minutes either way.
    for (const minutes of [3, -3]) {
      const t = at(minutes);
      expect(await check(q, { hmacHeader: null, keyhash: keyhashOf(q.apiKey, t), ts: t })).toEqual(
        refused(q, 'stale-ts'),
      );
    }
    expect(await check(p, { hmacHeader: null, keyhash: keyhashOf(p.apiKey, ts), ts })).toEqual(
      refused(p, 'keyhash-not-allowed'),
    );
  });

  it('gives the reason of each refusal, with the partner the orgId named', async () => {
    expect(await check(p, { hmacHeader: null })).toEqual(refused(p, 'missing-mac'));
    expect(await check(p, { hmacHeader: '' })).toEqual(refused(p, 'missing-mac'));
    expect(await check({ ...p, orgId: 'no-such-org' })).toEqual(refused(null, 'unknown-org'));
    expect(await check({ ...p, orgId: 'no-such-org' }, { hmacHeader: null })).toEqual(
      refused(null, 'missing-mac'),
    );
    expect(await check(p, { txn: '  ' })).toEqual(refused(p, 'missing-txn'));
    const gone = await createPartner(db, 'Gone client');
    await revokePartner(db, gone.id);
    expect(await check(gone)).toEqual(refused(gone, 'revoked-partner'));
  });

  it('takes each txn once per partner, by its first 200 characters', async () => {
    const txn = `t-${randomUUID()}-${'x'.repeat(250)}`;
    expect((await check(p, { txn, endpoint: 'pull-uri' })).ok).toBe(true);
    const [stored] = await db
      .select()
      .from(partnerTransactions)
      .where(eq(partnerTransactions.txn, txn.slice(0, 200)));
    expect(stored).toMatchObject({ partnerId: p.id, endpoint: 'pull-uri', outcome: 'accepted' });
    expect(await check(p, { txn })).toEqual(refused(p, 'replayed-txn'));
    expect(await check(p, { txn: `${txn.slice(0, 200)}-other end` })).toEqual(
      refused(p, 'replayed-txn'),
    );
    // Another partner's txn of the same name is its own.
    const other = await createPartner(db, 'Another client');
    expect((await check(other, { txn })).ok).toBe(true);
  });
});

describe('tsIsFresh', () => {
  it('takes a ts exactly at the limit either way, and not a millisecond beyond', () => {
    const now = Date.parse('2026-03-15T10:00:00.000Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    for (const ms of [0, HMAC_CLOCK_SKEW_MS, -HMAC_CLOCK_SKEW_MS])
      expect(tsIsFresh(at(ms), HMAC_CLOCK_SKEW_MS, now), String(ms)).toBe(true);
    for (const ms of [HMAC_CLOCK_SKEW_MS + 1, -HMAC_CLOCK_SKEW_MS - 1])
      expect(tsIsFresh(at(ms), HMAC_CLOCK_SKEW_MS, now), String(ms)).toBe(false);
    // With an offset, as DigiLocker writes it.
    expect(tsIsFresh('2026-03-15T15:34:00+05:30', HMAC_CLOCK_SKEW_MS, now)).toBe(true);
  });
});
