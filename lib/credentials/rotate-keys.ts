import 'server-only';
import { and, asc, countDistinct, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
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

/** Every organisation with keys and its keys, newest first; public fields only. */
export async function listKeyHolders(db: DbOrTx): Promise<KeyHolder[]> {
  const rows = await db
    .select({
      orgId: organisations.id,
      name: organisations.name,
      code: organisations.code,
      kind: organisations.kind,
      orgStatus: organisations.status,
      kid: issuerKeys.kid,
      algorithm: issuerKeys.algorithm,
      status: issuerKeys.status,
      createdAt: issuerKeys.createdAt,
      retiredAt: issuerKeys.retiredAt,
    })
    .from(issuerKeys)
    .innerJoin(organisations, eq(issuerKeys.orgId, organisations.id))
    .orderBy(
      asc(organisations.kind),
      asc(organisations.name),
      asc(organisations.id),
      desc(issuerKeys.createdAt),
      asc(issuerKeys.algorithm),
    );
  const holders = new Map<string, KeyHolder>();
  for (const r of rows) {
    let h = holders.get(r.orgId);
    if (!h) {
      h = { id: r.orgId, name: r.name, code: r.code, kind: r.kind, status: r.orgStatus, keys: [] };
      holders.set(r.orgId, h);
    }
    h.keys.push({
      kid: r.kid,
      algorithm: r.algorithm,
      status: r.status,
      createdAt: r.createdAt,
      retiredAt: r.retiredAt,
    });
  }
  return [...holders.values()];
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
