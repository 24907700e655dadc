import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partners } from '@/db/schema';
import { seal } from '@/lib/crypto/secret-box';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { authFailureSummary, type FailureSummary } from './auth-failures';

/** Creates a partner and returns its orgId and API key: the key is shown once, kept sealed. */
export async function createPartner(
  db: DbOrTx,
  name: string,
): Promise<{ id: string; orgId: string; apiKey: string }> {
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 100)
    throw new InvalidError('A partner name has 2 to 100 characters', { name: 'name' });
  const apiKey = randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(partners)
    .values({ name: clean, apiKeySealed: seal(apiKey), keyHint: apiKey.slice(-4) })
    .returning({ id: partners.id, orgId: partners.orgId });
  return { id: row!.id, orgId: row!.orgId, apiKey };
}

export type PartnerListing = {
  id: string;
  name: string;
  orgId: string;
  keyHint: string;
  keyhashAllowed: boolean;
  status: 'active' | 'revoked';
  createdAt: Date;
  /** Failed authentications naming this partner in the last 24 hours. */
  failures: FailureSummary;
};

/** Every partner, newest first, with its failed authentications; and those naming no partner. */
export async function listPartners(
  db: DbOrTx,
): Promise<{ partners: PartnerListing[]; unknownOrgFailures: FailureSummary }> {
  const [rows, summary] = await Promise.all([
    db
      .select({
        id: partners.id,
        name: partners.name,
        orgId: partners.orgId,
        keyHint: partners.keyHint,
        keyhashAllowed: partners.keyhashAllowed,
        status: partners.status,
        createdAt: partners.createdAt,
      })
      .from(partners)
      .orderBy(desc(partners.createdAt)),
    authFailureSummary(db),
  ]);
  return {
    partners: rows.map((p) => ({
      ...p,
      failures: summary.byPartner.get(p.id) ?? { failures: 0, lastAt: null, lastReason: null },
    })),
    unknownOrgFailures: summary.unknown,
  };
}

/** Revokes an active partner; returns its name for the audit entry. */
export async function revokePartner(db: DbOrTx, id: string): Promise<{ name: string }> {
  const [done] = await db
    .update(partners)
    .set({ status: 'revoked', revokedAt: sql`now()` })
    .where(and(eq(partners.id, id), eq(partners.status, 'active')))
    .returning({ name: partners.name });
  if (done) return done;
  await activePartner(db, id);
  throw new ConflictError('This partner was revoked');
}

/**
 * Lets an active partner authenticate with the legacy keyhash, or stops it. Returns the name
 * and whether anything changed (turning on what is on already changes nothing).
 */
export async function setPartnerKeyhash(
  db: DbOrTx,
  id: string,
  allowed: boolean,
): Promise<{ name: string; changed: boolean }> {
  const [done] = await db
    .update(partners)
    .set({ keyhashAllowed: allowed })
    .where(
      and(eq(partners.id, id), eq(partners.status, 'active'), ne(partners.keyhashAllowed, allowed)),
    )
    .returning({ name: partners.name });
  if (done) return { name: done.name, changed: true };
  return { name: (await activePartner(db, id)).name, changed: false };
}

/** The partner, refused when it does not exist or was revoked. */
async function activePartner(db: DbOrTx, id: string): Promise<{ name: string }> {
  const [row] = await db
    .select({ name: partners.name, status: partners.status })
    .from(partners)
    .where(eq(partners.id, id));
  if (!row) throw new NotFoundError('No such partner');
  if (row.status !== 'active') throw new ConflictError('This partner was revoked');
  return row;
}
