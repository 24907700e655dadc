import { describe, expect, it } from 'vitest';
import { escapeRdnValue, pdfSafeName, signerNameOf } from './names';
import { kindOfBytes } from './sniff';
import { parsePdfDate } from './pades';

describe('RFC 4514 escaping of the signer name', () => {
  it('escapes the special characters, a leading space or # and a trailing space', () => {
    expect(escapeRdnValue('Verma, Asha')).toBe('Verma\\, Asha');
    expect(escapeRdnValue('a+b="c"<d>;e\\')).toBe('a\\+b\\=\\"c\\"\\<d\\>\\;e\\\\');
    expect(escapeRdnValue('#1 ')).toBe('\\#1\\ ');
    expect(escapeRdnValue(' lead')).toBe('\\ lead');
    expect(escapeRdnValue('आशा वर्मा')).toBe('आशा वर्मा');
  });
});

describe('the name that is signed', () => {
  it('drops control and bidi characters and collapses spaces; empty is no name', () => {
    expect(signerNameOf('  Asha\u202e  Verma\n')).toBe('Asha Verma');
    expect(signerNameOf('   ')).toBeNull();
    expect(signerNameOf(null)).toBeNull();
  });
  it('goes into the PDF dictionary only as plain ASCII without parentheses', () => {
    expect(pdfSafeName('Asha (Jr) \\ Verma')).toBe('Asha Jr  Verma');
    expect(pdfSafeName('आशा')).toBe('');
  });
});

describe('file kind by bytes', () => {
  it('knows the upload kinds and nothing else, whatever the name says', () => {
    expect(kindOfBytes(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(kindOfBytes(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(kindOfBytes(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
    expect(kindOfBytes(Buffer.from('GIF89a...'))).toBe('gif');
    expect(kindOfBytes(Buffer.concat([Buffer.from('BM'), Buffer.alloc(30)]))).toBe('bmp');
    expect(kindOfBytes(Buffer.from('<html>'))).toBeNull();
    expect(kindOfBytes(Buffer.from('BM'))).toBeNull();
  });
});

describe('PDF dates', () => {
  it('reads UTC and offset forms', () => {
    expect(parsePdfDate('D:20260304050607Z')?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
    expect(parsePdfDate("D:20260304103607+05'30'")?.toISOString()).toBe('2026-03-04T05:06:07.000Z');
    expect(parsePdfDate('D:2026')).toBeNull();
  });
});
