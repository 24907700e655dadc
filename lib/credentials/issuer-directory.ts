import 'server-only';
import { createPublicKey } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { issuerKeys, organisations } from '@/db/schema';

// Public keys of issuers, published at stable URLs and used to verify XML.

export async function issuerByCode(db: DbOrTx, code: string) {
  const [org] = await db
    .select()
    .from(organisations)
    .where(
      and(eq(organisations.code, code), inArray(organisations.kind, ['institution', 'state'])),
    );
  return org ?? null;
}

/** Every RSA certificate the issuer has had, newest first: retired keys keep verifying. */
export async function issuerCertificatesByCode(db: DbOrTx, code: string): Promise<string[]> {
  const org = await issuerByCode(db, code);
  if (!org) return [];
  const rows = await db
    .select({ pem: issuerKeys.certificatePem })
    .from(issuerKeys)
    .where(and(eq(issuerKeys.orgId, org.id), eq(issuerKeys.algorithm, 'rsa-sha256')))
    .orderBy(desc(issuerKeys.createdAt));
  return rows.map((r) => r.pem).filter((p): p is string => Boolean(p));
}

export type Jwk = Record<string, unknown> & {
  kid: string;
  alg: string;
  use: 'sig';
  status: 'active' | 'retired';
};

/** JWKS of all the issuer's keys (Ed25519 as OKP, RSA with its X.509 chain). */
export async function issuerJwks(db: DbOrTx, code: string): Promise<{ keys: Jwk[] } | null> {
  const org = await issuerByCode(db, code);
  if (!org) return null;
  const rows = await db
    .select()
    .from(issuerKeys)
    .where(eq(issuerKeys.orgId, org.id))
    .orderBy(desc(issuerKeys.createdAt));
  return {
    keys: rows.map((k) => {
      const jwk = createPublicKey(k.publicKeyPem).export({ format: 'jwk' }) as Record<
        string,
        unknown
      >;
      const x5c = k.certificatePem
        ? [k.certificatePem.replace(/-----[^-]+-----|\s/g, '')]
        : undefined;
      return {
        ...jwk,
        kid: k.kid,
        alg: k.algorithm === 'ed25519' ? 'EdDSA' : 'RS256',
        use: 'sig',
        status: k.status,
        ...(x5c ? { x5c } : {}),
      };
    }),
  };
}
