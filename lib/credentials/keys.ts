import 'server-only';
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { issuerKeys, organisations } from '@/db/schema';
import { open, seal } from '@/lib/crypto/secret-box';
import { generateEd25519, generateRsa } from './key-material';

export type IssuerKeyRow = typeof issuerKeys.$inferSelect;

function kidFor(orgCode: string, algorithm: 'rsa-sha256' | 'ed25519'): string {
  return `${orgCode}#${algorithm === 'ed25519' ? 'ed' : 'rsa'}-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
}

async function createKey(
  db: DbOrTx,
  org: { id: string; name: string; code: string },
  algorithm: 'rsa-sha256' | 'ed25519',
) {
  const material =
    algorithm === 'ed25519' ? generateEd25519() : await generateRsa(org.name, org.code);
  await db
    .insert(issuerKeys)
    .values({
      orgId: org.id,
      algorithm,
      kid: kidFor(org.code, algorithm),
      publicKeyPem: material.publicKeyPem,
      certificatePem: material.certificatePem,
      privateKeySealed: seal(material.privateKeyPem),
    })
    .onConflictDoNothing();
}

/** Makes sure the issuer has an active RSA and Ed25519 key (idempotent, safe under races). */
export async function ensureIssuerKeys(db: DbOrTx, orgId: string): Promise<void> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw new Error(`no organisation ${orgId}`);
  const active = await db
    .select({ algorithm: issuerKeys.algorithm })
    .from(issuerKeys)
    .where(and(eq(issuerKeys.orgId, orgId), eq(issuerKeys.status, 'active')));
  for (const algorithm of ['ed25519', 'rsa-sha256'] as const) {
    if (!active.some((k) => k.algorithm === algorithm)) await createKey(db, org, algorithm);
  }
}

/** Rotation: new keys sign from now on; the old public keys stay published and keep verifying. */
export async function rotateIssuerKeys(db: DbOrTx, orgId: string): Promise<void> {
  await db
    .update(issuerKeys)
    .set({ status: 'retired', retiredAt: sql`now()` })
    .where(and(eq(issuerKeys.orgId, orgId), eq(issuerKeys.status, 'active')));
  forgetSigningKeys();
  await ensureIssuerKeys(db, orgId);
}

export async function activeKey(
  db: DbOrTx,
  orgId: string,
  algorithm: 'rsa-sha256' | 'ed25519',
): Promise<IssuerKeyRow> {
  const find = () =>
    db
      .select()
      .from(issuerKeys)
      .where(
        and(
          eq(issuerKeys.orgId, orgId),
          eq(issuerKeys.algorithm, algorithm),
          eq(issuerKeys.status, 'active'),
        ),
      );
  let [row] = await find();
  if (!row) {
    await ensureIssuerKeys(db, orgId);
    [row] = await find();
  }
  return row!;
}

// Decrypted private keys are cached per process: unsealing on every signature would dominate
// bulk issuance.
const privateKeys = new Map<string, KeyObject>();

export function signingKeyOf(row: IssuerKeyRow): KeyObject {
  let key = privateKeys.get(row.kid);
  if (!key) {
    key = createPrivateKey(open(row.privateKeySealed).toString('utf8'));
    privateKeys.set(row.kid, key);
  }
  return key;
}

export function forgetSigningKeys(): void {
  privateKeys.clear();
}

export async function keysOfIssuer(db: DbOrTx, orgId: string): Promise<IssuerKeyRow[]> {
  return db
    .select()
    .from(issuerKeys)
    .where(eq(issuerKeys.orgId, orgId))
    .orderBy(issuerKeys.createdAt);
}

export async function keyByKid(db: DbOrTx, kid: string): Promise<IssuerKeyRow | undefined> {
  const [row] = await db.select().from(issuerKeys).where(eq(issuerKeys.kid, kid));
  return row;
}
