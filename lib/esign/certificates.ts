import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs it
import { KeyObject, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { escapeRdnValue } from './names';

// Key material of Sanad's e-Sign: the CA, and a certificate per signature naming the citizen.
// Pure: nothing here is stored (lib/esign/ca.ts keeps the CA).

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

export const CA_SUBJECT = 'CN=Sanad e-Sign CA, O=Sanad';
const YEAR = 365 * 24 * 3600 * 1000;

export type CaMaterial = { certificatePem: string; privateKeyPem: string };

/** The signing CA as loaded: its certificate and key, ready to issue. */
export type SigningCa = {
  certificate: x509.X509Certificate;
  certificateDer: Buffer;
  key: CryptoKey;
  /** A short name of the CA for document_signatures.signing_kid. */
  kid: string;
};

async function newKeys(modulusLength = 2048): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ ...RSA, modulusLength }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
}

/** A new self-signed CA (RSA-3072, 20 years) that may only issue end-entity certificates. */
export async function generateCa(): Promise<CaMaterial> {
  const keys = await newKeys(3072);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    name: CA_SUBJECT,
    notBefore: new Date(),
    notAfter: new Date(Date.now() + 20 * YEAR),
    signingAlgorithm: RSA,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificatePem: cert.toString('pem'), privateKeyPem: await pkcs8Pem(keys.privateKey) };
}

export async function loadCa(material: CaMaterial): Promise<SigningCa> {
  const certificate = new x509.X509Certificate(material.certificatePem);
  const der = createPrivateKey(material.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, RSA, false, ['sign']);
  const thumb = Buffer.from(await certificate.getThumbprint('SHA-256')).toString('hex');
  return {
    certificate,
    certificateDer: Buffer.from(certificate.rawData),
    key,
    kid: `sanad-esign-ca#${thumb.slice(0, 16)}`,
  };
}

export type SignerCredential = {
  certificate: x509.X509Certificate;
  certificateDer: Buffer;
  privateKey: KeyObject;
};

/**
 * A one-signature key and certificate whose subject is the citizen's name, issued by the CA.
 * The key is used once and never kept: the certificate is what stays, inside the signature.
 */
export async function issueSignerCredential(
  ca: SigningCa,
  signerName: string,
  now = new Date(),
): Promise<SignerCredential> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    // Built from typed values: the library's string handling would unescape, unquote or read a
    // leading "#" as hex.
    subject: new x509.Name([
      { CN: [{ utf8String: signerName }] },
      { O: [{ utf8String: 'Sanad e-Sign' }] },
    ]),
    issuer: ca.certificate.subject,
    // A minute's slack for clocks; five years so that readers do not call it expired soon.
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 5 * YEAR),
    signingAlgorithm: RSA,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return {
    certificate,
    certificateDer: Buffer.from(certificate.rawData),
    privateKey: KeyObject.from(keys.privateKey),
  };
}

export function parseCertificate(der: Buffer): x509.X509Certificate {
  return new x509.X509Certificate(new Uint8Array(der));
}

/** The subject as RFC 4514 text, e.g. for the verification result. */
export function subjectTextOf(cert: x509.X509Certificate): string {
  return [...cert.subjectName.toJSON()]
    .reverse()
    .flatMap((rdn) =>
      Object.entries(rdn).flatMap(([type, values]) =>
        values.map((v) => `${type}=${escapeRdnValue(v)}`),
      ),
    )
    .join(',');
}

/** The CN of a certificate's subject, unescaped. */
export function commonNameOf(cert: x509.X509Certificate): string | null {
  return cert.subjectName.getField('CN')[0] ?? null;
}
