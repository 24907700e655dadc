import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partnerTransactions, partners } from '@/db/schema';
import { open } from '@/lib/crypto/secret-box';

// "Authenticating partner calls" (spec/digilocker.md): x-digilocker-hmac = base64(HMAC-SHA256(
// key, raw body)) — sources differ on raw bytes vs hex, so both are accepted — or the legacy
// keyhash = SHA-256(key + ts) in hex or base64. Stale ts and replayed txn are refused.

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type AuthFailure = 'missing-mac' | 'bad-mac' | 'stale-ts' | 'replayed-txn' | 'missing-txn';
export type AuthResult =
  { ok: true; partnerId: string; partnerName: string } | { ok: false; reason: AuthFailure };

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

export function tsIsFresh(ts: string, now = Date.now()): boolean {
  // ISO-8601 with an offset (a time without one is read in the server's time zone).
  const t = Date.parse(ts);
  return Number.isFinite(t) && Math.abs(now - t) <= MAX_CLOCK_SKEW_MS;
}

export async function authenticatePartner(
  db: DbOrTx,
  req: {
    rawBody: Buffer;
    hmacHeader: string | null;
    keyhash: string | null;
    ts: string;
    txn: string;
    endpoint: string;
  },
): Promise<AuthResult> {
  if (!req.hmacHeader && !req.keyhash) return { ok: false, reason: 'missing-mac' };
  const active = await db.select().from(partners).where(eq(partners.status, 'active'));
  // Every active key is tried (in constant time each): the DigiLocker client sends no partner id.
  let match: (typeof active)[number] | null = null;
  for (const p of active) {
    const key = open(p.apiKeySealed).toString('utf8');
    const ok = req.hmacHeader
      ? macMatches(key, req.rawBody, req.hmacHeader)
      : keyhashMatches(key, req.ts, req.keyhash!);
    if (ok && !match) match = p;
  }
  if (!match) return { ok: false, reason: 'bad-mac' };
  if (!tsIsFresh(req.ts)) return { ok: false, reason: 'stale-ts' };
  if (!req.txn.trim()) return { ok: false, reason: 'missing-txn' };
  const inserted = await db
    .insert(partnerTransactions)
    .values({
      partnerId: match.id,
      txn: req.txn.slice(0, 200),
      endpoint: req.endpoint,
      outcome: 'accepted',
    })
    .onConflictDoNothing()
    .returning({ id: partnerTransactions.id });
  if (inserted.length === 0) return { ok: false, reason: 'replayed-txn' };
  return { ok: true, partnerId: match.id, partnerName: match.name };
}
