import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs it
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  webcrypto,
} from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Key material for issuers (DESIGN.md, Signing): pure generation, no storage.

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyMaterial = {
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string | null;
};

/** RSA-2048 with a self-signed X.509 certificate naming the issuer (10 years). */
export async function generateRsa(orgName: string, orgCode: string): Promise<KeyMaterial> {
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cn = orgName.replace(/[,+="<>#;\\]/g, ' ');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: `CN=${cn}, O=${cn}, OU=${orgCode}`,
    notBefore: new Date(),
    notAfter: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKeyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const publicKeyPem = createPublicKey(privateKeyPem).export({
    type: 'spki',
    format: 'pem',
  }) as string;
  return { privateKeyPem, publicKeyPem, certificatePem: cert.toString('pem') };
}

export function generateEd25519(): KeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    certificatePem: null,
  };
}
