// Seed 001: only PDF, JPEG, PNG, BMP and GIF may be uploaded. The kind is read from the file's
// first bytes (its magic number), never from its name or the declared content type, so an HTML
// or SVG page renamed .png is not an image. Images also say how large they decode: one that
// would take more than MAX_PIXELS is refused before any viewer tries (a "pixel bomb").

export type UploadKind = 'pdf' | 'jpeg' | 'png' | 'gif' | 'bmp';

/** About 40 megapixels: a 7,000 × 5,700 scan, far more than any phone camera. */
export const MAX_PIXELS = 40_000_000;

export const MIME_TYPES: Record<UploadKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** The file's kind by its magic number, or null for anything else. */
export function sniffKind(head: Uint8Array): UploadKind | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  const six = b.subarray(0, 6).toString('latin1');
  if (six === 'GIF87a' || six === 'GIF89a') return 'gif';
  if (b.length >= 26 && b.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  return null;
}

export type ImageSize = { width: number; height: number; frames: number };

/** Why an image is refused, or null when it may be kept. */
export type ImageProblem = 'imageUnreadable' | 'imageTooLarge';

function pngSize(b: Buffer): ImageSize | null {
  // The first chunk must be IHDR (PNG spec 5.6): length 13, then width and height.
  if (b.length < 24 || b.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), frames: 1 };
}

function jpegSize(b: Buffer): ImageSize | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end or scan before any frame header
    const len = b.readUInt16BE(i + 2);
    if (len < 2) return null;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header with the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null;
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7), frames: 1 };
    }
    i += 2 + len;
  }
  return null;
}

/** The logical screen and every frame of a GIF (GIF89a spec 18, 20). */
function gifSize(b: Buffer): { screen: ImageSize; largest: number; total: number } | null {
  if (b.length < 13) return null;
  const screen = { width: b.readUInt16LE(6), height: b.readUInt16LE(8), frames: 0 };
  let i = 13;
  if (b[10]! & 0x80) i += 3 * (1 << ((b[10]! & 0x07) + 1));
  let largest = 0;
  let total = 0;
  const skipSubBlocks = (from: number): number => {
    let j = from;
    while (j < b.length) {
      const n = b[j]!;
      j += 1;
      if (n === 0) return j;
      j += n;
    }
    return -1;
  };
  while (i < b.length) {
    const tag = b[i]!;
    if (tag === 0x3b) break; // trailer
    if (tag === 0x21) {
      i = skipSubBlocks(i + 2);
    } else if (tag === 0x2c) {
      if (i + 10 > b.length) return null;
      const pixels = b.readUInt16LE(i + 5) * b.readUInt16LE(i + 7);
      largest = Math.max(largest, pixels);
      total += pixels;
      screen.frames += 1;
      const flags = b[i + 9]!;
      i += 10;
      if (flags & 0x80) i += 3 * (1 << ((flags & 0x07) + 1));
      i = skipSubBlocks(i + 1); // LZW minimum code size, then the data
    } else return null;
    if (i < 0) return null;
  }
  return { screen, largest, total };
}

function bmpSize(b: Buffer): ImageSize | null {
  // The header sizes of the BMP versions, one plane, and a real bit depth: text that merely
  // starts with "BM" is not a bitmap.
  const header = b.readUInt32LE(14);
  if (header === 12) {
    if (b.length < 26 || b.readUInt16LE(22) !== 1) return null;
    return { width: b.readUInt16LE(18), height: b.readUInt16LE(20), frames: 1 };
  }
  if (![40, 52, 56, 64, 108, 124].includes(header) || b.length < 30) return null;
  if (b.readUInt16LE(26) !== 1 || ![1, 2, 4, 8, 16, 24, 32, 64].includes(b.readUInt16LE(28)))
    return null;
  // A negative height is a top-down bitmap; the size is its absolute value.
  return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)), frames: 1 };
}

/**
 * Checks an image's declared size against MAX_PIXELS: the logical size for every kind, each
 * frame of a GIF, and all of a GIF's frames together (an animation decodes every one of them).
 */
export function checkImage(
  kind: Exclude<UploadKind, 'pdf'>,
  bytes: Uint8Array,
): ImageProblem | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const over = (s: ImageSize) => s.width * s.height > MAX_PIXELS;
  if (kind === 'gif') {
    const g = gifSize(b);
    if (!g || g.screen.frames === 0) return 'imageUnreadable';
    if (g.screen.width === 0 || g.screen.height === 0) return 'imageUnreadable';
    return over(g.screen) || g.largest > MAX_PIXELS || g.total > 10 * MAX_PIXELS
      ? 'imageTooLarge'
      : null;
  }
  const size = kind === 'png' ? pngSize(b) : kind === 'jpeg' ? jpegSize(b) : bmpSize(b);
  if (!size || size.width === 0 || size.height === 0) return 'imageUnreadable';
  return over(size) ? 'imageTooLarge' : null;
}
