import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './delimiter';

describe('detectDelimiter', () => {
  it.each([
    ['CERT_NO,CNAME,DOB\n1,2,3', ','],
    ['CERT_NO;CNAME;DOB\n1;2;3', ';'],
    ['CERT_NO\tCNAME\tDOB', '\t'],
    ['"A;B",CNAME,DOB\r\nx', ','],
    ['CERT_NO', ','],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});
