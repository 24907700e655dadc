// The signer's name as it goes into a certificate subject and a PDF signature dictionary.

/**
 * Escapes one attribute value of a distinguished name as RFC 4514 §2.4 says: the special
 * characters anywhere, a leading space or "#", a trailing space, and NUL.
 */
export function escapeRdnValue(value: string): string {
  let out = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** The name as it is signed: spaces collapsed, control and bidi characters removed. */
export function signerNameOf(raw: string | null | undefined): string | null {
  const name = (raw ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return name.length > 0 && name.length <= 200 ? name : null;
}

/**
 * The name for the PDF's /Name entry, which the placeholder writes as a literal string without
 * escaping: only printable ASCII without parentheses or backslashes; otherwise empty (readers
 * then show the certificate's name, which carries the full text).
 */
export function pdfSafeName(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? name.replace(/[()\\]/g, '') : '';
}
