import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ETSI_CADES_DETACHED, Signer } from '@signpdf/utils';
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import type { SignerCredential } from './certificates';
import { derLength, signDetached } from './cms';
import { pdfSafeName } from './names';

// PAdES (ETSI EN 319 142-1, baseline B-B): a signature field and a signature dictionary with
// SubFilter ETSI.CAdES.detached whose /Contents holds a detached CMS over the file's byte ranges
// (everything but /Contents itself). The claimed signing time is the dictionary's /M, which the
// byte ranges cover; the CMS carries no signing-time attribute, as the profile asks.

/** Room for the CMS in /Contents: two certificates and an RSA signature fit with margin. */
const SIGNATURE_BYTES = 12_288;

export class PdfSignError extends Error {
  constructor(public readonly reason: 'encrypted' | 'unreadable') {
    super(`pdf ${reason}`);
  }
}

/** The PDF with the citizen's signature embedded (a new file: the original is not altered). */
export async function signPdf(
  pdf: Buffer,
  opts: {
    signerName: string;
    signingTime: Date;
    credential: SignerCredential;
    chain: Buffer[];
  },
): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new PdfSignError(error instanceof EncryptedPDFError ? 'encrypted' : 'unreadable');
  }
  if (doc.getPageCount() === 0) throw new PdfSignError('unreadable');
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: 'Signed with Sanad e-Sign',
    contactInfo: '',
    name: pdfSafeName(opts.signerName),
    location: '',
    signingTime: opts.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Sanad',
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signer = new (class extends Signer {
    async sign(content: Buffer): Promise<Buffer> {
      return signDetached({
        content,
        signerCertificate: opts.credential.certificateDer,
        chain: opts.chain,
        privateKey: opts.credential.privateKey,
      });
    }
  })();
  return new SignPdf().sign(prepared, signer, opts.signingTime);
}

export type PdfSignatureParts = {
  /** The CMS from /Contents, without its zero padding. */
  cms: Buffer;
  /** The bytes the byte ranges cover, in order: what was signed. */
  content: Buffer;
  /** The signature dictionary's /M. */
  signingTime: Date | null;
  /** Bytes after the signed ranges: something was added to the file after it was signed. */
  addedAfter: boolean;
};

export class PdfSignatureFormatError extends Error {
  constructor(public readonly reason: 'not-signed' | 'unreadable') {
    super(`pdf signature ${reason}`);
  }
}

/** D:YYYYMMDDHHmmSS with Z or ±HH'mm' (PDF 32000-1 §7.9.4), as a Date. */
export function parsePdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})'?)?$/.exec(
    text,
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , sign, oh, om] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  const offset = sign ? (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The last signature of a PDF, read from its bytes without interpreting the document (the file
 * comes from anyone): the /ByteRange, the /Contents hole between its ranges, and /M.
 */
export function readPdfSignature(pdf: Buffer): PdfSignatureParts {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) throw new PdfSignatureFormatError('not-signed');
  const m = /^\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/.exec(
    pdf.subarray(at, at + 80).toString('latin1'),
  );
  if (!m) throw new PdfSignatureFormatError('unreadable');
  const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d > pdf.length)
    throw new PdfSignatureFormatError('unreadable');
  const hole = pdf.subarray(b, c).toString('latin1');
  if (!/^<[0-9a-fA-F]*>$/.test(hole) || hole.length % 2 !== 0)
    throw new PdfSignatureFormatError('unreadable');
  const padded = Buffer.from(hole.slice(1, -1), 'hex');
  const length = derLength(padded);
  if (!length || length > padded.length) throw new PdfSignatureFormatError('unreadable');
  const near = Buffer.concat([pdf.subarray(Math.max(0, at - 2048), b), pdf.subarray(c, c + 2048)]);
  const when = /\/M\s*\((D:[0-9Z+\-']{14,23})\)/.exec(near.toString('latin1'));
  return {
    cms: padded.subarray(0, length),
    content: Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]),
    signingTime: when ? parsePdfDate(when[1]!) : null,
    addedAfter: c + d < pdf.length,
  };
}
