import { X509Certificate as NodeCertificate } from 'node:crypto';
import { commonNameOf, parseCertificate } from './certificates';
import { CmsFormatError, checkDetached } from './cms';
import { PdfSignatureFormatError, readPdfSignature } from './pades';
import { isImageKind, kindOfBytes } from './sniff';

// "Verify a document" for e-signed files: a signed PDF, or an image with its detached .p7s.
// Pure: the trusted CA certificates are passed in. Every upload is treated as hostile: type by
// bytes, sizes capped by the caller, signatures read without interpreting the document.

/** Why a file is not accepted as signed and unchanged, in the order they are looked for. */
export type SignatureRefusal =
  | 'not-pdf-or-image'
  | 'signature-missing'
  | 'not-signed'
  | 'unreadable'
  | 'unsupported'
  | 'bad-signature'
  | 'changed'
  | 'added-after-signing'
  | 'not-sanad';

export type SignatureCheck = {
  valid: boolean;
  reason: SignatureRefusal | null;
  kind: 'pdf' | 'image' | null;
  signerName: string | null;
  signedAt: string | null;
  /** The bytes are those that were signed (null: could not tell). */
  unchanged: boolean | null;
  /** The signer's certificate was issued by Sanad's e-Sign CA (null: could not tell). */
  fromSanad: boolean | null;
};

function refused(reason: SignatureRefusal, kind: SignatureCheck['kind'] = null): SignatureCheck {
  return {
    valid: false,
    reason,
    kind,
    signerName: null,
    signedAt: null,
    unchanged: null,
    fromSanad: null,
  };
}

function issuedBy(signer: Buffer, cas: readonly Buffer[], at: Date | null): boolean {
  try {
    const cert = new NodeCertificate(signer);
    const when = (at ?? new Date()).getTime();
    if (when < Date.parse(cert.validFrom) || when > Date.parse(cert.validTo)) return false;
    return cas.some((der) => {
      const ca = new NodeCertificate(der);
      return cert.checkIssued(ca) && cert.verify(ca.publicKey);
    });
  } catch {
    return false;
  }
}

function judge(
  kind: 'pdf' | 'image',
  cms: Buffer,
  content: Buffer,
  cas: readonly Buffer[],
  pdf?: { signingTime: Date | null; addedAfter: boolean },
): SignatureCheck {
  let check;
  try {
    check = checkDetached(cms, content);
  } catch (error) {
    if (error instanceof CmsFormatError) return refused(error.reason, kind);
    throw error;
  }
  const signedAt = pdf ? pdf.signingTime : check.signingTime;
  let signerName: string | null = null;
  try {
    signerName = commonNameOf(parseCertificate(check.signerCertificate));
  } catch {
    return refused('unreadable', kind);
  }
  const fromSanad = issuedBy(check.signerCertificate, cas, signedAt);
  const unchanged = check.signatureValid && check.digestMatches && !pdf?.addedAfter;
  const reason: SignatureRefusal | null = !check.signatureValid
    ? 'bad-signature'
    : !check.digestMatches
      ? 'changed'
      : pdf?.addedAfter
        ? 'added-after-signing'
        : !fromSanad
          ? 'not-sanad'
          : null;
  return {
    valid: reason === null,
    reason,
    kind,
    signerName,
    signedAt: signedAt ? signedAt.toISOString() : null,
    unchanged,
    fromSanad,
  };
}

/**
 * Checks an uploaded file: a PDF is checked against the signature inside it; an image needs its
 * detached signature (`signature`, DER or PEM CMS).
 */
export function checkSignedFile(
  file: Buffer,
  signature: Buffer | null,
  trustedCas: readonly Buffer[],
): SignatureCheck {
  const kind = kindOfBytes(file);
  if (kind === 'pdf') {
    let parts;
    try {
      parts = readPdfSignature(file);
    } catch (error) {
      if (error instanceof PdfSignatureFormatError) return refused(error.reason, 'pdf');
      throw error;
    }
    return judge('pdf', parts.cms, parts.content, trustedCas, parts);
  }
  if (!isImageKind(kind)) return refused('not-pdf-or-image');
  if (!signature || signature.length === 0) return refused('signature-missing', 'image');
  return judge('image', fromPem(signature), file, trustedCas);
}

/** A .p7s may come as PEM ("-----BEGIN PKCS7-----" or "CMS"): the DER inside it. */
export function fromPem(sig: Buffer): Buffer {
  const text = sig.subarray(0, 64).toString('latin1');
  if (!text.startsWith('-----BEGIN ')) return sig;
  const body = sig
    .toString('latin1')
    .replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '')
    .replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}
