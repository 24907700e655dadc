import 'server-only';
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  or,
  sql,
} from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { likePattern } from '@/db/like';
import { issuerKeys, organisations } from '@/db/schema';
import { recordAudit, type AuditEntry } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { rotateIssuerKeys } from './keys';
import type { TRotateIssuerKeysInput } from './rotate-keys-schema';

// The platform admin's view of every organisation's signing keys, and rotation from the UI.

/** Organisations that sign: issuers, and the platform (it signs the offline verifier kit). */
export const SIGNING_KINDS = ['institution', 'state', 'platform'] as const;

export type KeyHolder = {
  id: string;
  name: string;
  code: string;
  kind: (typeof organisations.$inferSelect)['kind'];
  status: (typeof organisations.$inferSelect)['status'];
  keys: {
    kid: string;
    algorithm: (typeof issuerKeys.$inferSelect)['algorithm'];
    status: 'active' | 'retired';
    createdAt: Date;
    retiredAt: Date | null;
  }[];
};

/** Organisations shown on one page of the signing keys. */
export const KEY_HOLDERS_PER_PAGE = 20;

/**
 * One page of the organisations with keys, with their keys newest first (public fields only):
 * those whose name or issuer code contains `query` (any case), by kind and name. `total` is how
 * many organisations match.
 */
export async function listKeyHolders(
  db: DbOrTx,
  opts: { query?: string; page?: number } = {},
): Promise<{ holders: KeyHolder[]; total: number }> {
  const q = (opts.query ?? '').trim();
  const pattern = likePattern(q);
  const matching = and(
    exists(
      db
        .select({ one: sql`1` })
        .from(issuerKeys)
        .where(eq(issuerKeys.orgId, organisations.id)),
    ),
    q ? or(ilike(organisations.name, pattern), ilike(organisations.code, pattern)) : undefined,
  );
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const [orgs, [counted]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        code: organisations.code,
        kind: organisations.kind,
        status: organisations.status,
      })
      .from(organisations)
      .where(matching)
      .orderBy(asc(organisations.kind), asc(organisations.name), asc(organisations.id))
      .limit(KEY_HOLDERS_PER_PAGE)
      .offset((page - 1) * KEY_HOLDERS_PER_PAGE),
    db.select({ n: count() }).from(organisations).where(matching),
  ]);
  const total = counted?.n ?? 0;
  if (orgs.length === 0) return { holders: [], total };
  const keys = await db
    .select({
      orgId: issuerKeys.orgId,
      kid: issuerKeys.kid,
      algorithm: issuerKeys.algorithm,
      status: issuerKeys.status,
      createdAt: issuerKeys.createdAt,
      retiredAt: issuerKeys.retiredAt,
    })
    .from(issuerKeys)
    .where(
      inArray(
        issuerKeys.orgId,
        orgs.map((o) => o.id),
      ),
    )
    .orderBy(desc(issuerKeys.createdAt), asc(issuerKeys.algorithm));
  const holders = new Map<string, KeyHolder>(orgs.map((o) => [o.id, { ...o, keys: [] }]));
  for (const { orgId, ...key } of keys) holders.get(orgId)!.keys.push(key);
  return { holders: [...holders.values()], total };
}

export async function countKeyHolders(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: countDistinct(issuerKeys.orgId) }).from(issuerKeys);
  return row?.n ?? 0;
}

const activeKids = async (db: DbOrTx, orgId: string) =>
  (
    await db
      .select({ kid: issuerKeys.kid })
      .from(issuerKeys)
      .where(and(eq(issuerKeys.orgId, orgId), eq(issuerKeys.status, 'active')))
      .orderBy(asc(issuerKeys.algorithm))
  ).map((k) => k.kid);

/**
 * Retires the organisation's active keys and creates new ones, with the audit entry, in one
 * transaction: either both happen or neither. Retired public keys stay published, so documents
 * signed before keep verifying.
 */
export async function rotateKeysOf(
  db: Db,
  actor: Pick<AuditEntry, 'actorUserId' | 'ip' | 'userAgent'>,
  input: TRotateIssuerKeysInput,
): Promise<{ retiredKids: string[]; newKids: string[] }> {
  return db.transaction(async (tx) => {
    // The row lock makes two admins' rotations of one organisation run one after the other, so
    // each retires what the other created instead of finding nothing active.
    const [org] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.id, input.orgId), inArray(organisations.kind, SIGNING_KINDS)))
      .for('update');
    if (!org) throw new NotFoundError('No such issuer');
    const retiredKids = await activeKids(tx, org.id);
    await rotateIssuerKeys(tx, org.id);
    const newKids = await activeKids(tx, org.id);
    await recordAudit(tx, {
      ...actor,
      action: 'issuer.keys.rotate',
      objectType: 'organisation',
      objectId: org.id,
      detail: { reason: input.reason, retiredKids, newKids },
    });
    return { retiredKids, newKids };
  });
}
