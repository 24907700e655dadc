import { describe, expect, it } from 'vitest';
import {
  bmp,
  flateWithRawPrefix,
  gif,
  jpeg,
  pdf,
  pdfWithObjectStream,
  png,
} from '@/tests/locker-files';
import { CATALOGS, LOCALES } from '@/lib/i18n/locales';
import { renamedFileName, uploadFileName } from './file-name';
import { checkPdf, pdfNames } from './pdf-check';
import { UPLOAD_REFUSALS } from './refusals';
import { checkImage, sniffKind } from './sniff';

describe('sniffKind', () => {
  it('reads the kind from the bytes', () => {
    expect(sniffKind(pdf())).toBe('pdf');
    expect(sniffKind(png(10, 10))).toBe('png');
    expect(sniffKind(jpeg(10, 10))).toBe('jpeg');
    expect(sniffKind(gif(10, 10))).toBe('gif');
    expect(sniffKind(bmp(10, 10))).toBe('bmp');
  });

  it('refuses HTML, SVG and text whatever they are called', () => {
    expect(sniffKind(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(
      sniffKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>')),
    ).toBeNull();
    expect(sniffKind(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(sniffKind(Buffer.from('BM'))).toBeNull();
    expect(sniffKind(Buffer.alloc(0))).toBeNull();
  });
});

describe('checkImage', () => {
  it('keeps ordinary photos and scans', () => {
    expect(checkImage('png', png(4000, 3000))).toBeNull();
    expect(checkImage('jpeg', jpeg(6000, 6000))).toBeNull();
    expect(checkImage('gif', gif(500, 500, 3))).toBeNull();
    expect(checkImage('bmp', bmp(2000, -1500))).toBeNull();
  });

  it('refuses an image that would decode to more than 40 megapixels', () => {
    expect(checkImage('png', png(65535, 65535))).toBe('imageTooLarge');
    expect(checkImage('jpeg', jpeg(9000, 5000))).toBe('imageTooLarge');
    expect(checkImage('bmp', bmp(10000, -10000))).toBe('imageTooLarge');
    expect(checkImage('gif', gif(65535, 65535))).toBe('imageTooLarge');
    // A small screen with a huge frame, and many frames adding up.
    expect(checkImage('gif', gif(10, 10, 1, 65000, 65000))).toBe('imageTooLarge');
    expect(checkImage('gif', gif(6000, 6000, 12))).toBe('imageTooLarge');
  });

  it('refuses text that only starts like a bitmap', () => {
    const text = Buffer.from(
      'BM is short for bitmap. <script>alert(1)</script> and more text here',
    );
    expect(sniffKind(text)).toBe('bmp');
    expect(checkImage('bmp', text)).toBe('imageUnreadable');
  });

  it('refuses an image whose size cannot be read', () => {
    expect(checkImage('png', png(10, 10).subarray(0, 16))).toBe('imageUnreadable');
    expect(checkImage('jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe('imageUnreadable');
    expect(checkImage('png', png(0, 10))).toBe('imageUnreadable');
  });
});

describe('checkPdf', () => {
  it('keeps a plain PDF', () => {
    expect(checkPdf(pdf())).toBeNull();
    expect(
      checkPdf(pdfWithObjectStream('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')),
    ).toBeNull();
  });

  it('undoes #xx escapes in names', () => {
    expect(pdfNames('<< /S /J#61vaScript /A#42 1 >>')).toEqual(['S', 'JavaScript', 'AB']);
  });

  it.each([
    ['JavaScript', '4 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n', 'pdfScript'],
    ['a hex-escaped name', '4 0 obj\n<< /S /J#61vaScript /J#53 (x) >>\nendobj\n', 'pdfScript'],
    ['an open action with /JS', '4 0 obj\n<</OpenAction<</JS(x)>>>>\nendobj\n', 'pdfScript'],
    ['a launch action', '4 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n', 'pdfLaunch'],
    [
      'an embedded file',
      '4 0 obj\n<< /Type /EmbeddedFile /Length 0 >>\nendobj\n',
      'pdfEmbeddedFile',
    ],
    [
      'a file list',
      '4 0 obj\n<< /Names << /EmbeddedFiles 5 0 R >> >>\nendobj\n',
      'pdfEmbeddedFile',
    ],
    ['rich media', '4 0 obj\n<< /Subtype /RichMedia >>\nendobj\n', 'pdfRichMedia'],
    ['an XFA form', '4 0 obj\n<< /XFA 6 0 R >>\nendobj\n', 'pdfXfa'],
  ])('refuses %s', (_, extra, reason) => {
    expect(checkPdf(pdf(extra))).toBe(reason);
  });

  it('does not mistake longer names for dangerous ones', () => {
    expect(checkPdf(pdf('4 0 obj\n<< /JSX 1 /JavaScripts 2 /MyLaunch 3 >>\nendobj\n'))).toBeNull();
  });

  it('finds JavaScript inside a Flate-compressed object stream', () => {
    expect(checkPdf(pdfWithObjectStream('<< /S /JavaScript /JS (app.alert(1)) >>'))).toBe(
      'pdfScript',
    );
    expect(checkPdf(pdfWithObjectStream('<< /S /J#61vaScript >>'))).toBe('pdfScript');
    expect(checkPdf(pdfWithObjectStream('<< /S /Launch >>', { filter: 'none' }))).toBe('pdfLaunch');
  });

  it('looks past stream data for the names, not into page content', () => {
    const content = Buffer.from('/JS gs BT (hello) Tj ET');
    const withContent = Buffer.concat([
      Buffer.from(`%PDF-1.7\n4 0 obj\n<< /Length ${content.length} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
    ]);
    expect(checkPdf(withContent)).toBeNull();
  });

  it('finds an object stream whose keyword has spaces before the line end', () => {
    const file = pdfWithObjectStream('<< /S /JavaScript >>').toString('latin1');
    const spaced = Buffer.from(file.replace('>>\nstream\n', '>>\nstream  \t\r\n'), 'latin1');
    expect(spaced.toString('latin1')).toContain('stream  \t\r\n');
    expect(checkPdf(spaced)).toBe('pdfScript');
  });

  it('reads an object stream to its declared length past a fake endstream', () => {
    // The compressed data holds the bytes "endstream" (in a stored block) before the dictionary:
    // with /Length given by reference, readers read past them, and so must the check.
    const data = flateWithRawPrefix('endstream\n', '<< /S /JavaScript >>');
    const file = Buffer.concat([
      Buffer.from(
        '%PDF-1.7\n3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 9 0 R >>\nstream\n',
        'latin1',
      ),
      data,
      Buffer.from(`\nendstream\nendobj\n9 0 obj\n${data.length}\nendobj\n%%EOF\n`, 'latin1'),
    ]);
    expect(file.toString('latin1')).not.toContain('JavaScript');
    expect(checkPdf(file)).toBe('pdfScript');
  });

  it('refuses an object stream it cannot read', () => {
    expect(
      checkPdf(pdfWithObjectStream('<< >>', { dictExtra: '/DecodeParms << /Predictor 12 >> ' })),
    ).toBe('pdfUnreadable');
    const lzw = pdfWithObjectStream('<< >>')
      .toString('latin1')
      .replace('/FlateDecode', '/LZWDecode');
    expect(checkPdf(Buffer.from(lzw, 'latin1'))).toBe('pdfUnreadable');
    const hidden = { filter: 'none', dictExtra: '/Fil#74er /LZWDecode ' } as const;
    expect(checkPdf(pdfWithObjectStream('<< >>', hidden))).toBe('pdfUnreadable');
    const twice = { dictExtra: '/Filter /LZWDecode ' };
    expect(checkPdf(pdfWithObjectStream('<< >>', twice))).toBe('pdfUnreadable');
  });

  it('refuses an encrypted PDF whose object streams it cannot read', () => {
    const file = pdfWithObjectStream('<< >>');
    const encrypted = Buffer.from(
      file.toString('latin1').replace('<< /Root 1 0 R >>', '<< /Root 1 0 R /Encrypt 9 0 R >>'),
      'latin1',
    );
    expect(checkPdf(encrypted)).toBe('pdfEncrypted');
  });

  it('refuses a decompression bomb instead of inflating it all', () => {
    // 70 MB of zeros compress to about 70 KB.
    const zeros = Buffer.alloc(70 * 1024 * 1024);
    expect(checkPdf(pdfWithObjectStream(zeros.toString('latin1')))).toBe('pdfUnreadable');
  });
});

describe('file names', () => {
  it('keeps the name without path parts, control or bidi characters', () => {
    expect(uploadFileName('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(uploadFileName('C:\\Users\\asha\\marks.pdf', 'pdf')).toBe('marks.pdf');
    expect(uploadFileName('in\u0000voice\u0007\n.pdf', 'pdf')).toBe('invoice.pdf');
    expect(uploadFileName('photo\u202Egpj.exe', 'jpeg')).toBe('photogpj.exe.jpg');
    expect(uploadFileName('..hidden.png', 'png')).toBe('hidden.png');
    expect(uploadFileName('a<b>:c|d?.pdf', 'pdf')).toBe('a_b__c_d_.pdf');
  });

  it('keeps Hindi names and ends in the real kind', () => {
    expect(uploadFileName('आधार कार्ड.PDF', 'pdf')).toBe('आधार कार्ड.pdf');
    expect(uploadFileName('page.html', 'png')).toBe('page.html.png');
    expect(uploadFileName('scan.jpeg', 'jpeg')).toBe('scan.jpeg');
    expect(uploadFileName('', 'gif')).toBe('document.gif');
    expect(uploadFileName('\u202E/', 'pdf')).toBe('document.pdf');
  });

  it('cuts a long name to a sane length', () => {
    const name = uploadFileName(`${'अ'.repeat(500)}.pdf`, 'pdf');
    expect(Array.from(name)).toHaveLength(124);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('renames only to a name with something in it', () => {
    expect(renamedFileName('  \u200B ', 'pdf')).toBeNull();
    expect(renamedFileName('Marksheet 2024', 'pdf')).toBe('Marksheet 2024.pdf');
  });
});

describe('refusal messages', () => {
  it.each(LOCALES)('every refusal has words in %s', (locale) => {
    const refused = CATALOGS[locale].lockerFiles.refused as Record<string, string>;
    expect(UPLOAD_REFUSALS.filter((r) => !refused[r]?.trim())).toEqual([]);
  });
});
