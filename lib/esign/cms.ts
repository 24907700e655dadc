import { X509Certificate as NodeCertificate, createHash, sign, verify } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Attribute,
  CMSVersion,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifier,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignatureAlgorithmIdentifier,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  SigningTime,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  id_signingTime,
} from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';

// Detached CMS SignedData (RFC 5652) with the CAdES signing-certificate-v2 attribute
// (ETSI EN 319 122-1), the signature inside a PAdES PDF and the .p7s beside a signed image.
// Pure: bytes in, bytes out. SHA-256 and RSA PKCS#1 v1.5 only, signing and checking.

const SHA256 = '2.16.840.1.101.3.4.2.1';
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;
// OBJECT IDENTIFIER 1.2.840.113549.1.7.1 (id-data), the value of the content-type attribute.
const ID_DATA_DER = Buffer.from('06092a864886f70d010701', 'hex');

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

function ab(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer;
}

function header(buf: Buffer): { head: number; total: number } | null {
  if (buf.length < 2) return null;
  const first = buf[1]!;
  if (first < 0x80) return { head: 2, total: 2 + first };
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || buf.length < 2 + octets) return null;
  let n = 0;
  for (let i = 0; i < octets; i++) n = n * 256 + buf[2 + i]!;
  return { head: 2 + octets, total: 2 + octets + n };
}

/** Length of the DER element at the start of `buf` (header included), or null. */
export function derLength(buf: Buffer): number | null {
  return header(buf)?.total ?? null;
}

/** The elements inside the constructed DER element `el`. */
function children(el: Buffer): Buffer[] {
  const h = header(el);
  if (!h || h.total > el.length) throw new CmsFormatError('unreadable');
  const out: Buffer[] = [];
  let rest = el.subarray(h.head, h.total);
  while (rest.length > 0) {
    const n = derLength(rest);
    if (!n || n > rest.length) throw new CmsFormatError('unreadable');
    out.push(rest.subarray(0, n));
    rest = rest.subarray(n);
  }
  return out;
}

/**
 * The first signer's signed attributes exactly as sent ([0] IMPLICIT SET OF): the signature
 * is over these bytes, so they are taken from the signature rather than re-encoded.
 */
function signedAttributesAsSent(contentInfo: Buffer): Buffer {
  const signedData = children(children(contentInfo)[1] ?? Buffer.alloc(0))[0];
  const signerInfos = signedData ? children(signedData).at(-1) : undefined;
  const signerInfo = signerInfos ? children(signerInfos)[0] : undefined;
  const attrs = signerInfo ? children(signerInfo)[3] : undefined;
  if (!attrs || attrs[0] !== 0xa0) throw new CmsFormatError('unsupported');
  return attrs;
}

export type SignInput = {
  /** The bytes signed (the PDF's byte ranges, or the image). */
  content: Buffer;
  signerCertificate: Buffer;
  /** Certificates above the signer's, carried in the signature (Sanad's e-Sign CA). */
  chain: Buffer[];
  privateKey: Parameters<typeof sign>[2];
  /** Left out of PAdES signatures, where the signature dictionary's /M says when. */
  signingTime?: Date;
};

/** A DER-encoded detached CMS SignedData over `content`. */
export function signDetached(input: SignInput): Buffer {
  const digest = createHash('sha256').update(input.content).digest();
  const cert = AsnConvert.parse(input.signerCertificate, Certificate);
  const certHash = createHash('sha256').update(input.signerCertificate).digest();
  const attrs = [
    new Attribute({ attrType: id_contentType, attrValues: [ab(ID_DATA_DER)] }),
    new Attribute({
      attrType: id_messageDigest,
      attrValues: [AsnConvert.serialize(new OctetString(digest))],
    }),
    // SigningCertificateV2 { certs: [ ESSCertIDv2 { certHash } ] } (hash algorithm: SHA-256,
    // the default, so left out).
    new Attribute({
      attrType: ID_SIGNING_CERTIFICATE_V2,
      attrValues: [ab(tlv(0x30, tlv(0x30, tlv(0x30, tlv(0x04, certHash)))))],
    }),
    ...(input.signingTime
      ? [
          new Attribute({
            attrType: id_signingTime,
            attrValues: [AsnConvert.serialize(new SigningTime(input.signingTime))],
          }),
        ]
      : []),
  ];
  // DER orders a SET OF by the encodings; verifiers re-encode the set to check the signature.
  const encoded = attrs
    .map((a) => ({ a, der: Buffer.from(AsnConvert.serialize(a)) }))
    .sort((x, y) => Buffer.compare(x.der, y.der));
  const signedAttrs = tlv(0x31, Buffer.concat(encoded.map((e) => e.der)));
  const signature = sign('sha256', signedAttrs, input.privateKey);
  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: cert.tbsCertificate.issuer,
        serialNumber: cert.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: new DigestAlgorithmIdentifier({ algorithm: SHA256 }),
    signedAttrs: encoded.map((e) => e.a),
    signatureAlgorithm: new SignatureAlgorithmIdentifier({
      algorithm: SHA256_WITH_RSA,
      parameters: DER_NULL,
    }),
    signature: new OctetString(signature),
  });
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([
      new DigestAlgorithmIdentifier({ algorithm: SHA256 }),
    ]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(
      [input.signerCertificate, ...input.chain].map(
        (der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) }),
      ),
    ),
    signerInfos: new SignerInfos([signerInfo]),
  });
  return Buffer.from(
    AsnConvert.serialize(
      new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) }),
    ),
  );
}

/** Why a signature could not even be read. */
export class CmsFormatError extends Error {
  constructor(public readonly reason: 'unreadable' | 'unsupported') {
    super(`signature ${reason}`);
  }
}

export type CmsCheck = {
  /** The signer's certificate (DER), as carried in the signature. */
  signerCertificate: Buffer;
  /** The other certificates the signature carries. */
  otherCertificates: Buffer[];
  /** The signed digest equals the digest of `content`: the content is as it was signed. */
  digestMatches: boolean;
  /** The signature over the signed attributes verifies with the signer certificate's key. */
  signatureValid: boolean;
  signingTime: Date | null;
};

function attrValue(info: SignerInfo, type: string): ArrayBuffer | undefined {
  return info.signedAttrs?.find((a) => a.attrType === type)?.attrValues[0];
}

/**
 * Checks a detached CMS signature over `content`. Throws CmsFormatError when the bytes are not
 * a signature this code understands; otherwise says what holds.
 */
export function checkDetached(signatureDer: Buffer, content: Buffer): CmsCheck {
  let signedData: SignedData;
  const length = derLength(signatureDer);
  if (!length || length > signatureDer.length) throw new CmsFormatError('unreadable');
  signatureDer = signatureDer.subarray(0, length);
  try {
    const info = AsnConvert.parse(signatureDer, ContentInfo);
    if (info.contentType !== id_signedData) throw new CmsFormatError('unreadable');
    signedData = AsnConvert.parse(info.content, SignedData);
  } catch {
    throw new CmsFormatError('unreadable');
  }
  const [signer] = signedData.signerInfos;
  const sid = signer?.sid.issuerAndSerialNumber;
  if (!signer || signedData.signerInfos.length !== 1 || !sid || !signer.signedAttrs)
    throw new CmsFormatError('unsupported');
  if (signedData.encapContentInfo.eContent) throw new CmsFormatError('unsupported');
  if (signer.digestAlgorithm.algorithm !== SHA256) throw new CmsFormatError('unsupported');
  if (![RSA_ENCRYPTION, SHA256_WITH_RSA].includes(signer.signatureAlgorithm.algorithm))
    throw new CmsFormatError('unsupported');

  const certs = (signedData.certificates ?? [])
    .map((c) => c.certificate)
    .filter((c): c is Certificate => Boolean(c));
  const wantSerial = Buffer.from(sid.serialNumber);
  const wantIssuer = Buffer.from(AsnConvert.serialize(sid.issuer));
  const signerCert = certs.find(
    (c) =>
      Buffer.from(c.tbsCertificate.serialNumber).equals(wantSerial) &&
      Buffer.from(AsnConvert.serialize(c.tbsCertificate.issuer)).equals(wantIssuer),
  );
  if (!signerCert) throw new CmsFormatError('unsupported');
  const signerDer = Buffer.from(AsnConvert.serialize(signerCert));

  const digestValue = attrValue(signer, id_messageDigest);
  if (!digestValue || attrValue(signer, id_contentType) === undefined)
    throw new CmsFormatError('unsupported');
  const signedDigest = Buffer.from(AsnConvert.parse(digestValue, OctetString).buffer);
  const digestMatches = signedDigest.equals(createHash('sha256').update(content).digest());

  // The signature is over the attributes as a DER SET (tag 0x31), not as the [0] they are sent in.
  const raw = signedAttributesAsSent(signatureDer);
  const signedAttrs = Buffer.concat([Buffer.from([0x31]), raw.subarray(1)]);
  let signatureValid = false;
  try {
    const key = new NodeCertificate(signerDer).publicKey;
    signatureValid = verify('sha256', signedAttrs, key, Buffer.from(signer.signature.buffer));
  } catch {
    signatureValid = false;
  }
  const timeValue = attrValue(signer, id_signingTime);
  let signingTime: Date | null = null;
  if (timeValue) {
    try {
      signingTime = AsnConvert.parse(timeValue, SigningTime).getTime();
    } catch {
      signingTime = null;
    }
  }
  return {
    signerCertificate: signerDer,
    otherCertificates: certs
      .filter((c) => c !== signerCert)
      .map((c) => Buffer.from(AsnConvert.serialize(c))),
    digestMatches,
    signatureValid,
    signingTime,
  };
}
