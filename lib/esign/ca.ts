import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { esignAuthorities } from '@/db/schema';
import { config } from '@/lib/config';
import { open, seal } from '@/lib/crypto/secret-box';
import { generateCa, loadCa, type CaMaterial, type SigningCa } from './certificates';

// Sanad's e-Sign CA, which issues the certificate in every citizen's signature. Production may
// pass its certificate and key in the environment (ESIGN_CA_CERT_PEM, ESIGN_CA_KEY_PEM). Without
// them the CA is generated once and kept in the database with the signatures it vouches for
// (esign_authorities), its private key sealed under SANAD_MASTER_KEY like the issuers' keys: the
// row alone signs nothing. Retired CAs stay trusted for what they signed.

async function loadOrCreate(db: DbOrTx): Promise<CaMaterial> {
  const cert = config.esignCaCertPem;
  const key = config.esignCaKeyPem;
  if (cert || key) {
    if (!cert || !key)
      throw new Error('Set both ESIGN_CA_CERT_PEM and ESIGN_CA_KEY_PEM, or neither');
    return { certificatePem: cert, privateKeyPem: key };
  }
  const active = () =>
    db
      .select()
      .from(esignAuthorities)
      .where(eq(esignAuthorities.status, 'active'))
      .then((rows) => rows[0]);
  let row = await active();
  if (!row) {
    const material = await generateCa();
    // Of two processes starting at once, the first one's CA is kept and the other reads it.
    await db
      .insert(esignAuthorities)
      .values({
        certificatePem: material.certificatePem,
        privateKeySealed: seal(material.privateKeyPem),
      })
      .onConflictDoNothing();
    row = await active();
  }
  return {
    certificatePem: row!.certificatePem,
    privateKeyPem: open(row!.privateKeySealed).toString('utf8'),
  };
}

let current: Promise<SigningCa> | null = null;

/** The CA that signs citizens' certificates (loaded once per process). */
export function signingCa(db: DbOrTx = getDb()): Promise<SigningCa> {
  if (!current) {
    const ca = loadOrCreate(db).then(loadCa);
    ca.catch(() => {
      if (current === ca) current = null;
    });
    current = ca;
  }
  return current;
}

/** The CA certificates a signature must chain to, to count as Sanad's (DER): every CA kept. */
export async function trustedCaCertificates(db: DbOrTx = getDb()): Promise<Buffer[]> {
  const active = await signingCa(db);
  if (config.esignCaCertPem) return [active.certificateDer];
  const rows = await db.select({ pem: esignAuthorities.certificatePem }).from(esignAuthorities);
  const ders = rows.map((r) => pemToDer(r.pem));
  return ders.some((d) => d.equals(active.certificateDer))
    ? ders
    : [active.certificateDer, ...ders];
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}
