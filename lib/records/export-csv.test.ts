import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvDownload, neutraliseCell, toCsv } from './export-csv';

describe('neutraliseCell', () => {
  it.each(['=SUM(A1:A2)', '+91 98765 43210', '-5', '@cmd', '\tx', '\rx', '\n=1+1', '＝1+1'])(
    'prefixes %j with an apostrophe so a spreadsheet shows it as text',
    (v) => expect(neutraliseCell(v)).toBe(`'${v}`),
  );

  it.each(['Asha Sharma', 'DSI/2026/000501', '82.5', '', "'already"])('leaves %j alone', (v) =>
    expect(neutraliseCell(v)).toBe(v),
  );
});

describe('toCsv', () => {
  it('writes CRLF lines and quotes what needs quoting', () => {
    const csv = toCsv([
      ['CERT_NO', 'CNAME'],
      ['A,1', 'He said "hi"'],
    ]);
    expect(csv).toBe('CERT_NO,CNAME\r\n"A,1","He said ""hi"""');
  });

  it('neutralises formula cells and the result still parses back to the same text', () => {
    const csv = toCsv([['=HYPERLINK("http://x","y")', 'आशा']]);
    expect(csv.startsWith(`"'=HYPERLINK`)).toBe(true);
    expect(Papa.parse<string[]>(csv).data[0]).toEqual([`'=HYPERLINK("http://x","y")`, 'आशा']);
  });

  it('starts with a UTF-8 BOM only when asked, so Excel reads Hindi correctly', () => {
    expect(toCsv([['a']], { bom: true })).toBe('\uFEFFa');
    expect(toCsv([['a']])).toBe('a');
    expect(Buffer.from(toCsv([['आ']], { bom: true })).subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
  });
});

describe('csvDownload', () => {
  it('is a UTF-8 CSV attachment', async () => {
    const res = csvDownload('a,b', 'x.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
    expect(await res.text()).toBe('a,b');
  });
});
