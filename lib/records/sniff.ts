// First look at an uploaded award file (spec/records-csv.md): is it a text CSV at all, and in
// which encoding? Refuses the files clerks most often pick by mistake (the PDF, the .xlsx) with a
// reason they understand, before any parsing. Pure: looks at the first 64 KB only.

export type SniffResult =
  | { ok: true; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bomLength: number }
  | { ok: false; code: 'empty' | 'pdf' | 'binary' | 'spreadsheet' };

export const SNIFF_BYTES = 64 * 1024;

/** Above this share of control or undecodable characters the file is not text. */
const BAD_CHAR_RATIO = 0.01;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // .xlsx / .ods are zip files
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .xls

/**
 * BOM-less UTF-16 (Excel's "Unicode text"): a CSV header is ASCII, so every other byte is NUL.
 * Returns the encoding when one parity is mostly NUL and the other almost never is.
 */
function utf16ByNuls(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 1024) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even <= pairs * 0.05) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= pairs * 0.05) return 'utf-16be';
  return null;
}

export function sniffCsv(input: Uint8Array): SniffResult {
  const head = input.length > SNIFF_BYTES ? input.subarray(0, SNIFF_BYTES) : input;
  if (head.length === 0) return { ok: false, code: 'empty' };
  if (startsWith(head, PDF)) return { ok: false, code: 'pdf' };
  if (startsWith(head, ZIP) || startsWith(head, OLE)) return { ok: false, code: 'spreadsheet' };

  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let bomLength = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) bomLength = 3;
  else if (startsWith(head, [0xff, 0xfe])) [encoding, bomLength] = ['utf-16le', 2];
  else if (startsWith(head, [0xfe, 0xff])) [encoding, bomLength] = ['utf-16be', 2];
  else encoding = utf16ByNuls(head) ?? 'utf-8';

  let body = head.subarray(bomLength);
  // A 64 KB cut may split the last character; drop the partial tail so it is not counted as bad.
  if (encoding === 'utf-8') body = trimPartialUtf8(body);
  if (encoding !== 'utf-8') body = body.subarray(0, body.length & ~1);
  const text = new TextDecoder(encoding).decode(body);
  if (text.trim() === '') return { ok: false, code: 'empty' };

  // Text CSVs have no NUL and almost no other control characters; invalid UTF-8 becomes U+FFFD.
  // A few stray bytes (a windows-1252 "é") are let through rather than refusing a whole file.
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { ok: false, code: 'binary' };
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) bad++;
  }
  if (bad > text.length * BAD_CHAR_RATIO) return { ok: false, code: 'binary' };
  return { ok: true, encoding, bomLength };
}

function trimPartialUtf8(b: Uint8Array): Uint8Array {
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  let i = b.length - 1;
  let k = 0;
  while (i >= 0 && k < 3 && (b[i]! & 0xc0) === 0x80) [i, k] = [i - 1, k + 1];
  if (i < 0) return b;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > k + 1 ? b.subarray(0, i) : b;
}
