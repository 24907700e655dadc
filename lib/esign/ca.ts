import 'server-only';
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { config } from '@/lib/config';
import { open, seal } from '@/lib/crypto/secret-box';
import { generateCa, loadCa, type CaMaterial, type SigningCa } from './certificates';

// Sanad's e-Sign CA, which issues the certificate in every citizen's signature. Production may
// pass its certificate and key in the environment (ESIGN_CA_CERT_PEM, ESIGN_CA_KEY_PEM). Without
// them the CA is generated once and kept in the storage directory that every web and worker
// process shares, its private key sealed under SANAD_MASTER_KEY like the issuers' keys: the file
// alone signs nothing.

type StoredCa = { certificatePem: string; privateKeySealed: string };

function caFile(): string {
  return path.join(path.resolve(config.storageDir), 'esign', 'ca.json');
}

async function readStored(file: string): Promise<CaMaterial> {
  const stored = JSON.parse(await readFile(file, 'utf8')) as StoredCa;
  return {
    certificatePem: stored.certificatePem,
    privateKeyPem: open(stored.privateKeySealed).toString('utf8'),
  };
}

async function loadOrCreate(): Promise<CaMaterial> {
  const cert = config.esignCaCertPem;
  const key = config.esignCaKeyPem;
  if (cert || key) {
    if (!cert || !key)
      throw new Error('Set both ESIGN_CA_CERT_PEM and ESIGN_CA_KEY_PEM, or neither');
    return { certificatePem: cert, privateKeyPem: key };
  }
  const file = caFile();
  try {
    return await readStored(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const material = await generateCa();
  await mkdir(path.dirname(file), { recursive: true });
  const stored: StoredCa = {
    certificatePem: material.certificatePem,
    privateKeySealed: seal(material.privateKeyPem),
  };
  // Written whole, then linked into place: of two processes starting at once, the first one's
  // CA is kept and the other reads it, never a half-written file.
  const tmp = `${file}.${randomUUID()}`;
  await writeFile(tmp, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  try {
    await link(tmp, file);
    return material;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readStored(file);
  } finally {
    await rm(tmp, { force: true });
  }
}

let current: { file: string; ca: Promise<SigningCa> } | null = null;

/** The CA that signs citizens' certificates (loaded once per process and storage directory). */
export function signingCa(): Promise<SigningCa> {
  const file = config.esignCaCertPem ? 'env' : caFile();
  if (current?.file !== file) {
    const ca = loadOrCreate().then(loadCa);
    ca.catch(() => {
      if (current?.ca === ca) current = null;
    });
    current = { file, ca };
  }
  return current.ca;
}

/** The CA certificates a signature must chain to, to count as Sanad's (DER). */
export async function trustedCaCertificates(): Promise<Buffer[]> {
  return [(await signingCa()).certificateDer];
}
