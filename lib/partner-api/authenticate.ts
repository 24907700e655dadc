import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partnerTransactions, partners } from '@/db/schema';
import { open } from '@/lib/crypto/secret-box';

// "Authenticating partner calls" (spec/digilocker.md): x-digilocker-hmac = base64(HMAC-SHA256(
// key, raw body)) — sources differ on raw bytes vs hex, so both are accepted — or the legacy
// keyhash = SHA-256(key + ts) in hex or base64. The request's orgId names the partner, so only
// that partner's key is unsealed. Stale ts and replayed txn are refused.

export const HMAC_CLOCK_SKEW_MS = 5 * 60 * 1000;
/**
 * The keyhash covers only the key and ts, so a captured request can be re-sent with another
 * body until its ts goes stale: that window is kept short.
 */
export const KEYHASH_CLOCK_SKEW_MS = 2 * 60 * 1000;

export type AuthFailure =
  | 'missing-mac'
  | 'unknown-org'
  | 'revoked-partner'
  | 'keyhash-not-allowed'
  | 'bad-mac'
  | 'stale-ts'
  | 'replayed-txn'
  | 'missing-txn';
export type AuthResult =
  | { ok: true; partnerId: string; partnerName: string }
  | { ok: false; reason: AuthFailure; partnerId: string | null };

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function macMatches(key: string, rawBody: Buffer, header: string): boolean {
  const mac = createHmac('sha256', key).update(rawBody).digest();
  const given = Buffer.from(header.trim());
  return (
    equal(Buffer.from(mac.toString('base64')), given) ||
    equal(Buffer.from(Buffer.from(mac.toString('hex')).toString('base64')), given)
  );
}

function keyhashMatches(key: string, ts: string, keyhash: string): boolean {
  const digest = createHash('sha256')
    .update(key + ts)
    .digest();
  const given = Buffer.from(keyhash.trim());
  return (
    equal(Buffer.from(digest.toString('hex')), Buffer.from(keyhash.trim().toLowerCase())) ||
    equal(Buffer.from(digest.toString('base64')), given)
  );
}

export function tsIsFresh(ts: string, skewMs: number, now = Date.now()): boolean {
  // ISO-8601 with an offset (a time without one is read in the server's time zone).
  const t = Date.parse(ts);
  return Number.isFinite(t) && Math.abs(now - t) <= skewMs;
}

export async function authenticatePartner(
  db: DbOrTx,
  req: {
    rawBody: Buffer;
    hmacHeader: string | null;
    keyhash: string | null;
    orgId: string;
    ts: string;
    txn: string;
    endpoint: string;
  },
): Promise<AuthResult> {
  const [partner] = await db
    .select({
      id: partners.id,
      name: partners.name,
      status: partners.status,
      apiKeySealed: partners.apiKeySealed,
      keyhashAllowed: partners.keyhashAllowed,
    })
    .from(partners)
    .where(eq(partners.orgId, req.orgId))
    .limit(1);
  const fail = (reason: AuthFailure): AuthResult => ({
    ok: false,
    reason,
    partnerId: partner?.id ?? null,
  });
  if (!req.hmacHeader && !req.keyhash) return fail('missing-mac');
  if (!partner) return fail('unknown-org');
  if (partner.status !== 'active') return fail('revoked-partner');
  // With the header present, only the header counts (a keyhash beside it is ignored).
  const viaKeyhash = !req.hmacHeader;
  if (viaKeyhash && !partner.keyhashAllowed) return fail('keyhash-not-allowed');
  const key = open(partner.apiKeySealed).toString('utf8');
  const ok = viaKeyhash
    ? keyhashMatches(key, req.ts, req.keyhash!)
    : macMatches(key, req.rawBody, req.hmacHeader!);
  if (!ok) return fail('bad-mac');
  if (!tsIsFresh(req.ts, viaKeyhash ? KEYHASH_CLOCK_SKEW_MS : HMAC_CLOCK_SKEW_MS))
    return fail('stale-ts');
  if (!req.txn.trim()) return fail('missing-txn');
  const inserted = await db
    .insert(partnerTransactions)
    .values({
      partnerId: partner.id,
      txn: req.txn.slice(0, 200),
      endpoint: req.endpoint,
      outcome: 'accepted',
    })
    .onConflictDoNothing()
    .returning({ id: partnerTransactions.id });
  if (inserted.length === 0) return fail('replayed-txn');
  return { ok: true, partnerId: partner.id, partnerName: partner.name };
}
