import { constants, inflateSync } from 'node:zlib';

// Seed 001 uploads may be opened later by the citizen, a share-link holder or a requester, so a
// PDF that can act on its own is refused: JavaScript, launch actions, embedded files, rich media
// (Flash/3D) and XFA forms. The names are looked for as PDF name tokens, after undoing #xx
// escapes (/J#61vaScript is /JavaScript), in the file's own text and inside its object streams
// (PDF 1.5+ keeps dictionaries there, usually Flate-compressed). An object stream that cannot be
// read (an unknown filter, a predictor, an encrypted file) is refused, not trusted.

export type PdfProblem =
  | 'pdfScript'
  | 'pdfLaunch'
  | 'pdfEmbeddedFile'
  | 'pdfRichMedia'
  | 'pdfXfa'
  | 'pdfEncrypted'
  | 'pdfUnreadable';

const DANGEROUS: Record<string, PdfProblem> = {
  JavaScript: 'pdfScript',
  JS: 'pdfScript',
  Launch: 'pdfLaunch',
  EmbeddedFile: 'pdfEmbeddedFile',
  EmbeddedFiles: 'pdfEmbeddedFile',
  RichMedia: 'pdfRichMedia',
  RichMediaContent: 'pdfRichMedia',
  RichMediaExecute: 'pdfRichMedia',
  XFA: 'pdfXfa',
};

/** Decompressed bytes looked at in one file, at most: more is refused, not skipped. */
const INFLATE_BUDGET = 64 * 1024 * 1024;

/** PDF name tokens in `text` (latin1), #xx escapes undone (PDF 32000-1, 7.3.5). */
export function pdfNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\/([^\s()<>[\]{}/%]*)/g)) {
    names.push(unescapeName(m[1]!));
  }
  return names;
}

function unescapeName(raw: string): string {
  return raw.includes('#')
    ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : raw;
}

/** `text` with every name token's #xx escapes undone. */
function normalizeNames(text: string): string {
  return text.replace(/\/([^\s()<>[\]{}/%]*)/g, (_, raw: string) => `/${unescapeName(raw)}`);
}

function firstDanger(text: string): PdfProblem | null {
  for (const name of pdfNames(text)) {
    const problem = DANGEROUS[name];
    if (problem) return problem;
  }
  return null;
}

function asciiHex(data: Buffer): Buffer {
  const hex = data.toString('latin1').replace(/\s+/g, '').replace(/>.*$/s, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s+/g, '').replace(/^<~/, '').replace(/~>.*$/s, '');
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of text) {
    if (ch === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const c = ch.charCodeAt(0) - 33;
    if (c < 0 || c > 84) throw new Error('bad ASCII85');
    group.push(c);
    if (group.length === 5) {
      const v = group.reduce((a, d) => a * 85 + d, 0);
      out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
      group = [];
    }
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    const v = group.reduce((a, d) => a * 85 + d, 0);
    out.push(...[(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].slice(0, n - 1));
  }
  return Buffer.from(out);
}

type Stream = { dict: string; data: Buffer };

function declaredLength(text: string, dict: string): number | null {
  const direct = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict);
  if (direct) return Number(direct[1]);
  const ref = /\/Length\s+(\d+)\s+(\d+)\s+R/.exec(dict);
  if (!ref) return null;
  const held = new RegExp(`(?<!\\d)${ref[1]}\\s+${ref[2]}\\s+obj\\s*(\\d+)\\s*endobj`).exec(text);
  return held ? Number(held[1]) : null;
}

/** The file's text outside stream data, and each stream with its dictionary. */
function splitStreams(pdf: Buffer): { outside: string; streams: Stream[] } {
  const text = pdf.toString('latin1');
  const streams: Stream[] = [];
  const outside: string[] = [];
  // Readers take `stream` followed by spaces before its end of line, too (pdf.js skips to the
  // next line), so this does.
  const keyword = /(?<![A-Za-z])stream[ \t\f\0]*(?:\r\n|\n|\r)/g;
  let from = 0;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    if (m.index < from) continue;
    const start = m.index + m[0].length;
    const objAt = text.lastIndexOf('obj', m.index);
    const dict = text.slice(Math.max(objAt, from, m.index - 65536), m.index);
    // The declared /Length (direct, or an object holding the number) when it lands on
    // `endstream`, as readers take it: a fake `endstream` inside the data must not cut it short.
    // Otherwise the next `endstream`.
    let end = -1;
    const length = declaredLength(text, normalizeNames(dict));
    if (length !== null) {
      const guess = start + length;
      if (/^\s*endstream/.test(text.slice(guess, guess + 32))) end = guess;
    }
    if (end < 0) end = text.indexOf('endstream', start);
    if (end < 0) end = text.length;
    outside.push(text.slice(from, m.index));
    streams.push({ dict, data: pdf.subarray(start, end) });
    from = end;
    keyword.lastIndex = end;
  }
  outside.push(text.slice(from));
  return { outside: outside.join('\n'), streams };
}

/** Checks a PDF's bytes; the first reason to refuse it, or null. */
export function checkPdf(pdf: Buffer): PdfProblem | null {
  const { outside, streams } = splitStreams(pdf);
  const top = firstDanger(outside);
  if (top) return top;
  const encrypted = pdfNames(outside).includes('Encrypt');
  let budget = INFLATE_BUDGET;
  for (const s of streams) {
    const names = pdfNames(s.dict);
    // An object stream holds dictionaries (PDF 32000-1, 7.5.7): it has /First, or says /ObjStm.
    if (!names.includes('First') && !names.includes('ObjStm')) continue;
    if (encrypted) return 'pdfEncrypted';
    const dict = normalizeNames(s.dict);
    const given = [...dict.matchAll(/\/Filter\s*(\[[^\]]*\]|\/[^\s()<>[\]{}/%]*|\d)/g)];
    // A filter given twice or by reference: what a reader would use cannot be told from here.
    if (given.length > 1) return 'pdfUnreadable';
    const filter = given[0];
    if (filter && /^\d/.test(filter[1]!)) return 'pdfUnreadable';
    const filters = filter ? pdfNames(filter[1]!) : [];
    const predictor = /\/Predictor\s+(\d+)/.exec(dict);
    if (predictor && Number(predictor[1]) > 1) return 'pdfUnreadable';
    let data = s.data;
    try {
      for (const f of filters) {
        if (f === 'FlateDecode' || f === 'Fl') {
          if (budget <= 0) return 'pdfUnreadable';
          data = inflateSync(data, {
            finishFlush: constants.Z_SYNC_FLUSH,
            maxOutputLength: budget,
          });
        } else if (f === 'ASCIIHexDecode' || f === 'AHx') data = asciiHex(data);
        else if (f === 'ASCII85Decode' || f === 'A85') data = ascii85(data);
        else return 'pdfUnreadable';
      }
    } catch {
      // Corrupt, or more than the budget (RangeError from maxOutputLength).
      return 'pdfUnreadable';
    }
    budget -= data.length;
    const inner = firstDanger(data.toString('latin1'));
    if (inner) return inner;
  }
  return null;
}
