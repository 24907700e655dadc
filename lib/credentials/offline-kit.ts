import 'server-only';
import { createPublicKey, sign } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { organisations } from '@/db/schema';
import { canonicalJson } from './canonical';
import { issuerJwks } from './issuer-directory';
import { activeKey, ensureIssuerKeys, keysOfIssuer, signingKeyOf } from './keys';
import { STATUS_PURPOSES, buildStatusList } from './status-list';

// The offline verifier kit: every issuer's public keys and status lists in one
// bundle, stamped with the time it was made and signed by the platform's Ed25519 key, so a
// verifier without network access can check signatures and revocation up to that time.

const PLATFORM_CODE = 'in.sanad.platform';

export async function platformOrg(db: DbOrTx): Promise<{ id: string; code: string; name: string }> {
  const [existing] = await db
    .select()
    .from(organisations)
    .where(eq(organisations.kind, 'platform'))
    .limit(1);
  if (existing) return existing;
  const [created] = await db
    .insert(organisations)
    .values({ kind: 'platform', code: PLATFORM_CODE, name: 'Sanad platform', status: 'active' })
    .onConflictDoNothing()
    .returning();
  return (
    created ??
    (await db.select().from(organisations).where(eq(organisations.code, PLATFORM_CODE)))[0]!
  );
}

export async function platformJwks(db: DbOrTx) {
  const org = await platformOrg(db);
  await ensureIssuerKeys(db, org.id);
  const keys = await keysOfIssuer(db, org.id);
  return {
    keys: keys
      .filter((k) => k.algorithm === 'ed25519')
      .map((k) => ({
        ...(createPublicKey(k.publicKeyPem).export({ format: 'jwk' }) as object),
        kid: k.kid,
        alg: 'EdDSA',
        use: 'sig',
        status: k.status,
      })),
  };
}

export async function buildOfflineKit(db: DbOrTx, now = new Date()) {
  const issuers = await db
    .select({ code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(
      and(
        inArray(organisations.kind, ['institution', 'state']),
        eq(organisations.status, 'active'),
      ),
    )
    .orderBy(organisations.code);
  const entries = [];
  for (const i of issuers) {
    const jwks = await issuerJwks(db, i.code);
    if (!jwks || jwks.keys.length === 0) continue;
    const statusLists = Object.fromEntries(
      await Promise.all(
        STATUS_PURPOSES.map(async (p) => [p, await buildStatusList(db, i.code, p, now)]),
      ),
    );
    entries.push({ code: i.code, name: i.name, keys: jwks.keys, statusLists });
  }
  const kit = {
    type: 'SanadOfflineVerifierKit',
    version: 1,
    generatedAt: now.toISOString(),
    issuers: entries,
  };
  const org = await platformOrg(db);
  const key = await activeKey(db, org.id, 'ed25519');
  const proofValue = sign(null, Buffer.from(canonicalJson(kit)), signingKeyOf(key)).toString(
    'base64url',
  );
  return {
    ...kit,
    proof: {
      type: 'SanadEd25519Jcs2026',
      verificationMethod: key.kid,
      created: now.toISOString(),
      proofValue,
    },
  };
}
