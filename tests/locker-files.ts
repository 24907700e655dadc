import { deflateRawSync, deflateSync } from 'node:zlib';

// Small files of every kind the locker takes, and hostile variants, built byte by byte.

/** A minimal PDF; `extra` objects go before the trailer. */
export function pdf(extra = '', trailer = ''): Buffer {
  return Buffer.from(
    '%PDF-1.7\n' +
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
      extra +
      `trailer\n<< /Root 1 0 R ${trailer}>>\n%%EOF\n`,
    'latin1',
  );
}

/** A PDF whose object stream (Flate-compressed unless said) holds `inner`. */
export function pdfWithObjectStream(
  inner: string,
  opts: { filter?: 'FlateDecode' | 'none'; dictExtra?: string } = {},
): Buffer {
  const body = Buffer.from(`5 0 ${inner}`, 'latin1');
  const data = opts.filter === 'none' ? body : deflateSync(body);
  const filter = opts.filter === 'none' ? '' : '/Filter /FlateDecode ';
  return Buffer.concat([
    Buffer.from(
      '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
        '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
        `3 0 obj\n<< /Type /ObjStm /N 1 /First 4 ${filter}${opts.dictExtra ?? ''}/Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

export function png(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ihdr,
    Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  ]);
}

export function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
  ]);
  const sof = Buffer.from([0xff, 0xc0, 0, 11, 8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** A GIF of `frames` frames, each `fw` × `fh`, on a `width` × `height` screen. */
export function gif(width: number, height: number, frames = 1, fw = width, fh = height): Buffer {
  const head = Buffer.alloc(13);
  head.write('GIF89a', 0, 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  const parts = [head];
  for (let i = 0; i < frames; i++) {
    const d = Buffer.alloc(10);
    d[0] = 0x2c;
    d.writeUInt16LE(fw, 5);
    d.writeUInt16LE(fh, 7);
    parts.push(d, Buffer.from([2, 2, 0x4c, 0x01, 0]));
  }
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}

export function bmp(width: number, height: number): Buffer {
  const b = Buffer.alloc(54);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(54, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

/**
 * zlib data whose first block is stored (so `prefix` appears as it is among the bytes) and the
 * rest compressed: the same text once inflated, `prefix` + `rest`.
 */
export function flateWithRawPrefix(prefix: string, rest: string): Buffer {
  const raw = Buffer.from(prefix, 'latin1');
  const stored = Buffer.alloc(5);
  stored[0] = 0; // not final, stored
  stored.writeUInt16LE(raw.length, 1);
  stored.writeUInt16LE(~raw.length & 0xffff, 3);
  const plain = Buffer.from(prefix + rest, 'latin1');
  let a = 1;
  let b = 0;
  for (const byte of plain) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  return Buffer.concat([
    Buffer.from([0x78, 0x01]),
    stored,
    raw,
    deflateRawSync(Buffer.from(rest, 'latin1')),
    adler,
  ]);
}
