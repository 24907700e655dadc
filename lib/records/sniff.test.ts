import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffCsv } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))),
  );
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const CSV = 'CERT_NO,CNAME,DOB\r\nDSI/1,आशा शर्मा,14-08-2004\r\n';

describe('sniffCsv', () => {
  it('accepts plain UTF-8 with and without a BOM', () => {
    expect(sniffCsv(bytes(CSV))).toEqual({ ok: true, encoding: 'utf-8', bomLength: 0 });
    expect(sniffCsv(bytes([0xef, 0xbb, 0xbf], CSV))).toEqual({
      ok: true,
      encoding: 'utf-8',
      bomLength: 3,
    });
  });

  it('recognises UTF-16 by its BOM', () => {
    expect(sniffCsv(bytes([0xff, 0xfe], [...utf16le(CSV)]))).toEqual({
      ok: true,
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(sniffCsv(bytes([0xfe, 0xff], [...utf16be(CSV)]))).toEqual({
      ok: true,
      encoding: 'utf-16be',
      bomLength: 2,
    });
  });

  it('recognises BOM-less UTF-16 by its alternating NUL bytes', () => {
    expect(sniffCsv(utf16le(CSV))).toMatchObject({ ok: true, encoding: 'utf-16le', bomLength: 0 });
    expect(sniffCsv(utf16be(CSV))).toMatchObject({ ok: true, encoding: 'utf-16be', bomLength: 0 });
  });

  it('refuses PDFs and spreadsheets by their signatures', () => {
    expect(sniffCsv(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toEqual({ ok: false, code: 'pdf' });
    expect(sniffCsv(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]))).toEqual({
      ok: false,
      code: 'spreadsheet',
    });
    expect(sniffCsv(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toEqual({
      ok: false,
      code: 'spreadsheet',
    });
  });

  it('calls zero bytes, a lone BOM or only white space empty', () => {
    expect(sniffCsv(new Uint8Array())).toEqual({ ok: false, code: 'empty' });
    expect(sniffCsv(bytes([0xef, 0xbb, 0xbf]))).toEqual({ ok: false, code: 'empty' });
    expect(sniffCsv(bytes([0xff, 0xfe]))).toEqual({ ok: false, code: 'empty' });
    expect(sniffCsv(bytes(' \r\n\t\r\n'))).toEqual({ ok: false, code: 'empty' });
  });

  it('refuses binary: NUL bytes in UTF-8 text, or many control / undecodable bytes', () => {
    expect(sniffCsv(bytes('CERT_NO,CNAME\r\nA', [0], 'B,x\r\n'))).toEqual({
      ok: false,
      code: 'binary',
    });
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [...Array(200).keys()]);
    expect(sniffCsv(png)).toEqual({ ok: false, code: 'binary' });
    const junk = Uint8Array.from({ length: 500 }, (_, i) => 0x80 + (i % 64) + 1);
    expect(sniffCsv(junk)).toEqual({ ok: false, code: 'binary' });
  });

  it('lets a few stray non-UTF-8 bytes through (a windows-1252 é in a long file)', () => {
    const text = `${'CERT_NO,CNAME\r\n'}${'DSI/1,Asha Sharma\r\n'.repeat(50)}`;
    expect(sniffCsv(bytes(text, [0xe9], '\r\n'))).toMatchObject({ ok: true, encoding: 'utf-8' });
  });

  it('looks at the first 64 KB only, and a character split by the cut is not held against it', () => {
    const line = 'DSI/1,आशा शर्मा,14-08-2004\r\n';
    const big = Buffer.from(`CERT_NO,CNAME,DOB\r\n${line.repeat(5000)}`);
    expect(big.length).toBeGreaterThan(SNIFF_BYTES);
    expect(sniffCsv(big)).toMatchObject({ ok: true, encoding: 'utf-8' });
    expect(sniffCsv(big.subarray(0, SNIFF_BYTES))).toMatchObject({ ok: true });
  });
});
