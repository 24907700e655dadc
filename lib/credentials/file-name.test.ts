import { describe, expect, it } from 'vitest';
import { parse } from 'content-disposition';
import { attachment } from '@/lib/http/content-disposition';
import { certificateFileName } from './file-name';

describe('certificate download names', () => {
  it.each([
    ['DSI/2026/000101', 1, 'pdf', 'DSI-2026-000101.pdf'],
    ['DSI/2026/000101', 2, 'xml', 'DSI-2026-000101-v2.xml'],
    ['A\\B:C*D?"E<F>G|H', 1, 'pdf', 'A-B-C-D-E-F-G-H.pdf'],
    ['  ../../etc/passwd  ', 1, 'pdf', 'etc-passwd.pdf'],
    ['प्रमाण/२०२६/१', 1, 'pdf', 'प्रमाण-२०२६-१.pdf'],
    ['abc\u202Efdp.exe', 1, 'pdf', 'abc-fdp.exe.pdf'],
    ['line\r\nbreak', 1, 'pdf', 'line-break.pdf'],
    ['///', 1, 'pdf', 'certificate.pdf'],
    ['CON', 1, 'xml', 'certificate-CON.xml'],
  ] as const)('%s (v%d) → %s', (number, version, ext, name) => {
    expect(certificateFileName(number, version, ext)).toBe(name);
  });

  it('keeps a long number to a sane length', () => {
    expect(certificateFileName('9'.repeat(500), 1, 'pdf')).toHaveLength(104);
  });
});

describe('the Content-Disposition of a download', () => {
  it('is a plain filename for an ASCII name', () => {
    expect(attachment('DSI-2026-000101.pdf')).toBe('attachment; filename=DSI-2026-000101.pdf');
  });

  it('adds an RFC 6266 filename* for any other script, with an ASCII fallback', () => {
    const header = attachment('प्रमाण-२०२६-१.pdf');
    expect(header).toMatch(/^attachment; filename=[\x21-\x7e]+; filename\*=UTF-8''[\x21-\x7e]+$/);
    expect(header).toContain('filename=_-_-_.pdf;');
    expect(parse(header).parameters.filename).toBe('प्रमाण-२०२६-१.pdf');
  });

  it('quotes what needs quoting', () => {
    expect(parse(attachment('a "b" c.pdf')).parameters.filename).toBe('a "b" c.pdf');
  });
});
