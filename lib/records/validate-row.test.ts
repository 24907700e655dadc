import { describe, expect, it } from 'vitest';
import { analyseHeader } from './columns';
import { maskAadhaarLike } from './aadhaar-text';
import { prepareRowContext, validateRow, type ValidatedRow } from './validate-row';

const VALID: Record<string, string> = {
  OPERATION: 'ADD',
  CERT_NO: 'DSI/2026/000501',
  DOC_TYPE: 'SKCER',
  DOI: '15-03-2026',
  ORG_PIN: '302001',
  ACADEMIC_COURSE_ID: 'ELE-Q4601',
  COURSE_NAME: 'Assistant Electrician',
  REGN_NO: 'REG2025001',
  RROLL: 'R-1001',
  PERCENT: '82.5',
  NSQF_LEVEL: '4.5',
  ASSESSMENT_DATE: '2026-03-10',
  CNAME: 'Asha Sharma',
  DOB: '14/08/2004',
  GENDER: 'Female',
  MOBILE: '+91 98765-43210',
  EMAIL: 'Asha@Example.IN',
  AADHAAR_NO: '2341 2341 2346',
  LOCKER_ID: '1B4E28BA-2FA1-11D2-883F-0016D3CCA427',
  ABC_ACCOUNT_ID: '123456789012',
  SUB1NM: 'Electrical Safety',
  SUB1_TOT: '85',
  SUB2NM: '***END***',
  SUB2_TOT: '',
  SUB3NM: '',
  SUB3_TOT: 'not read',
};
const HEADER = Object.keys(VALID);

function check(overrides: Record<string, string> = {}, header = HEADER): ValidatedRow {
  const ctx = prepareRowContext(analyseHeader(header), 'skcer');
  const row = { ...VALID, ...overrides };
  return validateRow(
    header.map((h) => row[h] ?? ''),
    ctx,
  );
}
const codes = (r: ValidatedRow) => r.errors.map((e) => `${e.column}:${e.code}`);

describe('validateRow: a clean row', () => {
  const r = check();

  it('has no errors and normalises every typed value', () => {
    expect(r.errors).toEqual([]);
    // A plain object: React refuses null-prototype objects between server and client.
    expect(Object.getPrototypeOf(r.fields)).toBe(Object.prototype);
    expect(r.operation).toBe('ADD');
    expect(r.certNo).toBe('DSI/2026/000501');
    expect(r.fields).toMatchObject({
      DOB: '2004-08-14',
      DOI: '2026-03-15',
      ASSESSMENT_DATE: '2026-03-10',
      GENDER: 'F',
      MOBILE: '9876543210',
      EMAIL: 'asha@example.in',
      LOCKER_ID: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      ABC_ACCOUNT_ID: '123456789012',
      ORG_PIN: '302001',
      PERCENT: '82.5',
      NSQF_LEVEL: '4.5',
      DOC_TYPE: 'SKCER',
    });
  });

  it('hands the Aadhaar number over separately and keeps only its mask in fields', () => {
    expect(r.aadhaar).toBe('234123412346');
    expect(r.fields.AADHAAR_MASKED).toBe('XXXX XXXX 2346');
    expect(r.fields).not.toHaveProperty('AADHAAR_NO');
    expect(JSON.stringify(r.fields)).not.toMatch(/2341\s?2341/);
  });

  it('reads subjects up to the ***END*** marker and ignores the columns after it', () => {
    expect(r.fields.SUB1NM).toBe('Electrical Safety');
    expect(r.fields).not.toHaveProperty('SUB3_TOT');
    expect(check({ SUB3_TOT: 'eighty' }).errors).toEqual([]);
    expect(codes(check({ SUB2NM: '', SUB3_TOT: 'eighty' }))).toEqual(['SUB3_TOT:number']);
  });

  it('leaves empty cells out and keeps unknown columns under their canonical name', () => {
    const r2 = check({ EMAIL: '  ', batch_code: ' B7 ' }, [...HEADER, 'batch_code']);
    expect(r2.fields).not.toHaveProperty('EMAIL');
    expect(r2.fields.BATCH_CODE).toBe('B7');
  });
});

describe('validateRow: OPERATION', () => {
  it.each([
    ['', 'ADD'],
    ['a', 'ADD'],
    ['Update', 'UPDATE'],
    ['U', 'UPDATE'],
    ['delete', 'DELETE'],
    ['D', 'DELETE'],
  ])('%j means %s', (value, op) => expect(check({ OPERATION: value }).operation).toBe(op));

  it('is ADD when the column is absent', () => {
    expect(
      check(
        {},
        HEADER.filter((h) => h !== 'OPERATION'),
      ).operation,
    ).toBe('ADD');
  });

  it('refuses anything else, and then checks the row as an ADD', () => {
    const r = check({ OPERATION: 'REMOVE', CNAME: '' });
    expect(codes(r)).toEqual(['OPERATION:operation', 'CNAME:required']);
  });
});

describe('validateRow: mandatory columns', () => {
  const mandatory = ['CERT_NO', 'ACADEMIC_COURSE_ID', 'COURSE_NAME', 'REGN_NO', 'RROLL'];
  it.each([...mandatory, 'CNAME', 'DOB', 'GENDER'])('%s is required for ADD and UPDATE', (col) => {
    expect(codes(check({ [col]: '' }))).toEqual([`${col}:required`]);
    expect(codes(check({ [col]: ' ', OPERATION: 'UPDATE' }))).toEqual([`${col}:required`]);
  });

  it('DELETE needs CERT_NO alone', () => {
    const blank = Object.fromEntries(HEADER.map((h) => [h, '']));
    expect(check({ ...blank, OPERATION: 'D', CERT_NO: 'X1' }).errors).toEqual([]);
    expect(codes(check({ ...blank, OPERATION: 'D' }))).toEqual(['CERT_NO:required']);
  });

  it('reports every problem in the row, not just the first', () => {
    const r = check({ CNAME: '', DOB: '31-02-2004', GENDER: 'X', MOBILE: '12345' });
    expect(codes(r)).toEqual([
      'CNAME:required',
      'DOB:dateNotReal',
      'GENDER:gender',
      'MOBILE:mobile',
    ]);
  });

  it('names mandatory columns the header lacks', () => {
    const r = check(
      {},
      HEADER.filter((h) => h !== 'RROLL'),
    );
    expect(r.errors).toEqual([{ column: 'RROLL', value: '', code: 'required' }]);
  });
});

describe('validateRow: formats', () => {
  it.each([
    ['DOB', '14-08-2004', '2004-08-14'],
    ['DOB', '4/8/2004', '2004-08-04'],
    ['DOB', '2004-08-14', '2004-08-14'],
    ['DOB', '29-02-2004', '2004-02-29'],
    ['DOB', '29-02-2000', '2000-02-29'],
    ['DOB', '01-01-1900', '1900-01-01'],
    ['DOB', '28-02-1900', '1900-02-28'],
    ['DOB', '30-04-2020', '2020-04-30'],
    ['DOB', '31-12-2020', '2020-12-31'],
    ['DOB', '31-01-2020', '2020-01-31'],
    ['DOB', '2004-8-4', '2004-08-04'],
    ['DOB', '14/8/2004', '2004-08-14'],
    ['DOI', '01/01/2026', '2026-01-01'],
    ['GENDER', 'm', 'M'],
    ['GENDER', 'TRANSGENDER', 'T'],
    ['GENDER', 'other', 'T'],
    ['MOBILE', '09876543210', '9876543210'],
    ['MOBILE', '919876543210', '9876543210'],
    ['MOBILE', '6000000000', '6000000000'],
    ['MOBILE', "'+919876543210", '9876543210'],
    ['ABC_ACCOUNT_ID', '1234 5678 9012', '123456789012'],
    ['ORG_PIN', '110 001', '110001'],
    ['PERCENT', '0', '0'],
    ['PERCENT', '100.00', '100.00'],
    ['DOC_TYPE', 'cert', 'CERT'],
    ['CERT_NO', '=1+2', '=1+2'],
    ['CNAME', '@Asha', '@Asha'],
    ['NSQF_LEVEL', '4', '4'],
  ])('%s %j is accepted as %j', (col, value, out) => {
    const r = check({ [col]: value });
    expect(r.errors).toEqual([]);
    expect(r.fields[col]).toBe(out);
  });

  it.each([
    ['DOB', '14.08.2004', 'dateFormat'],
    ['DOB', '14-08/2004', 'dateFormat'],
    ['DOB', '38213', 'dateFormat'],
    ['DOB', '31-02-2020', 'dateNotReal'],
    ['DOB', '29-02-2023', 'dateNotReal'],
    // 1900 is not a leap year (a century, not divisible by 400); April has 30 days.
    ['DOB', '29-02-1900', 'dateNotReal'],
    ['DOB', '1900-02-29', 'dateNotReal'],
    ['DOB', '31-04-2020', 'dateNotReal'],
    ['DOB', '31/06/2020', 'dateNotReal'],
    ['DOB', '31-09-2020', 'dateNotReal'],
    ['DOB', '31-11-2020', 'dateNotReal'],
    ['DOB', '00-01-2020', 'dateNotReal'],
    ['DOB', '32-01-2020', 'dateNotReal'],
    ['DOB', '01-00-2020', 'dateNotReal'],
    ['DOB', '2020-00-10', 'dateNotReal'],
    ['DOB', '0000-01-01', 'dateNotReal'],
    ['DOI', '31-04-2020', 'dateNotReal'],
    ['DOB', '2004-13-01', 'dateNotReal'],
    ['DOB', '01-01-2999', 'dobFuture'],
    ['DOB', '31-12-1899', 'dobTooOld'],
    ['ASSESSMENT_DATE', '2026-02-30', 'dateNotReal'],
    ['GENDER', 'X', 'gender'],
    ['MOBILE', '5876543210', 'mobile'],
    ['MOBILE', '98765432', 'mobile'],
    ['MOBILE', '+1 9876543210', 'mobile'],
    ['EMAIL', 'asha@', 'email'],
    ['EMAIL', 'asha sharma@example.in', 'email'],
    ['EMAIL', 'asha@example', 'email'],
    ['ABC_ACCOUNT_ID', '12345678901', 'abcId'],
    ['LOCKER_ID', '1b4e28ba2fa111d2883f0016d3cca427', 'lockerId'],
    ['ORG_PIN', '012345', 'pin'],
    ['ORG_PIN', '30200', 'pin'],
    ['PERCENT', '-1', 'number'],
    ['PERCENT', '82,5', 'number'],
    ['PERCENT', 'AB', 'number'],
    ['SUB1_TOT', '8 5', 'number'],
    ['DOC_TYPE', 'SKCERT', 'docType'],
    ['DOC_TYPE', 'SK1', 'docType'],
    ['CERT_NO', 'A'.repeat(65), 'tooLong'],
    ['CERT_NO', 'DSI\t1', 'controlChars'],
    ['CNAME', 'A'.repeat(201), 'tooLong'],
    ['NSQF_LEVEL', 'Level four and a half', 'tooLong'],
  ])('%s %j is refused: %s', (col, value, code) => {
    const r = check({ [col]: value });
    expect(r.errors.map((e) => e.code)).toEqual([code]);
    expect(r.errors[0]!.column).toBe(col);
  });

  it('says the limit in tooLong and cuts a runaway value short', () => {
    const [e] = check({ CNAME: 'A'.repeat(500) }).errors;
    expect(e!.values).toEqual({ max: 200 });
    expect(e!.value.length).toBeLessThan(110);
  });

  it('keeps an invalid value as given in fields, so the row can be shown and fixed', () => {
    expect(check({ GENDER: 'X' }).fields.GENDER).toBe('X');
  });

  it('fills DOC_TYPE from the institution default when the cell or column is empty', () => {
    expect(check({ DOC_TYPE: '' }).fields.DOC_TYPE).toBe('SKCER');
    expect(
      check(
        {},
        HEADER.filter((h) => h !== 'DOC_TYPE'),
      ).fields.DOC_TYPE,
    ).toBe('SKCER');
  });
});

describe('validateRow: Aadhaar', () => {
  it.each([
    ['234123412347', 'aadhaarChecksum', 'XXXX XXXX 2347'],
    ['134123412346', 'aadhaarFormat', 'XXXX XXXX 2346'],
    ['23412341234', 'aadhaarFormat', 'XXXX XXXX 1234'],
    ['2341-2341-234A', 'aadhaarFormat', 'XXXX XXXX 234A'],
  ])('%s is refused (%s) and shown only masked', (value, code, masked) => {
    const r = check({ AADHAAR_NO: value });
    expect(r.errors).toEqual([{ column: 'AADHAAR_NO', value: masked, code }]);
    expect(r.aadhaar).toBeNull();
    expect(r.fields).not.toHaveProperty('AADHAAR_MASKED');
    expect(JSON.stringify(r)).not.toContain(value.slice(0, 8));
  });

  it('treats the usual misspellings of the column as Aadhaar too, never storing them', () => {
    const header = HEADER.map((h) => (h === 'AADHAAR_NO' ? 'Aadhar No' : h));
    const r = validateRow(
      header.map((h) => (h === 'Aadhar No' ? '234123412346' : (VALID[h] ?? ''))),
      prepareRowContext(analyseHeader(header), 'SKCER'),
    );
    expect(r.aadhaar).toBe('234123412346');
    expect(JSON.stringify(r.fields)).not.toContain('234123412346');
  });

  it.each([
    ['MOBILE', '2341 2341 2346', 'XXXX XXXX 2346'],
    ['ABC_ACCOUNT_ID', '234123412346', 'XXXX XXXX 2346'],
    ['REGN_NO', '2341-2341-2346', 'XXXX XXXX 2346'],
    ['CERT_NO', 'DSI/234123412346', 'DSI/XXXX XXXX 2346'],
    ['CNAME', 'Asha 234123412346 Sharma', 'Asha XXXX XXXX 2346 Sharma'],
    ['HOSTEL', 'UID 2341 2341 2346', 'UID XXXX XXXX 2346'],
  ])('refuses a row with an Aadhaar number in %s and keeps it only masked', (col, v, masked) => {
    const header = [...HEADER, 'HOSTEL'];
    const r = check({ [col]: v }, header);
    expect(r.errors).toEqual([{ column: col, value: masked, code: 'aadhaarElsewhere' }]);
    expect(r.fields[col]).toBe(masked);
    if (col === 'CERT_NO') expect(r.certNo).toBe(masked);
    // The row's own Aadhaar number is still taken from its column.
    expect(r.aadhaar).toBe('234123412346');
    expect(JSON.stringify([r.fields, r.errors, r.certNo])).not.toMatch(/2341\D?2341/);
  });

  it('takes 12 digits without an Aadhaar check digit, and a mobile number written with 91', () => {
    expect(check({ ABC_ACCOUNT_ID: '234123412347', REGN_NO: '234123412347' }).errors).toEqual([]);
    // 91 and a mobile number: 12 digits, some with a valid check digit.
    const mobile = Array.from({ length: 10 }, (_, d) => `91987654321${d}`).find(
      (m) => maskAadhaarLike(m) !== null,
    )!;
    const r = check({ MOBILE: mobile });
    expect(r.errors).toEqual([]);
    expect(r.fields.MOBILE).toBe(mobile.slice(2));
  });

  it("asks for the number again when AADHAAR_NO holds the report's mask", () => {
    for (const v of ['XXXX XXXX 2346', 'XXXXXXXX2346'])
      expect(check({ AADHAAR_NO: v }).errors).toEqual([
        { column: 'AADHAAR_NO', value: 'XXXX XXXX 2346', code: 'aadhaarMasked' },
      ]);
  });
});

describe("validateRow: Sanad's own report uploaded back", () => {
  it('takes off the apostrophe the report put before a formula character', () => {
    const header = [...HEADER, 'HOSTEL'];
    const r = check({ MOBILE: "'+919876543210", REMARKS: "'-", HOSTEL: "'=A1" }, [
      ...header,
      'REMARKS',
    ]);
    expect(r.errors).toEqual([]);
    expect(r.fields).toMatchObject({ MOBILE: '9876543210', REMARKS: '-', HOSTEL: '=A1' });
    expect(check({ CNAME: "'Asha" }).fields.CNAME).toBe("'Asha");
  });
});

describe('validateRow: shape of the row', () => {
  it('reports a different number of cells than the header has', () => {
    const ctx = prepareRowContext(analyseHeader(HEADER), 'SKCER');
    const cells = HEADER.map((h) => VALID[h]!);
    expect(validateRow([...cells, 'extra'], ctx).errors).toEqual([
      {
        column: '',
        value: '',
        code: 'cellCount',
        values: { expected: HEADER.length, found: HEADER.length + 1 },
      },
    ]);
    const short = validateRow(cells.slice(0, 3), ctx);
    expect(short.errors[0]).toMatchObject({ code: 'cellCount', values: { found: 3 } });
    expect(codes(short)).toContain('CNAME:required');
  });

  it('works without prepareRowContext (the plan is cached per header)', () => {
    const header = analyseHeader(HEADER);
    const cells = HEADER.map((h) => VALID[h]!);
    expect(validateRow(cells, { header, defaultDocType: 'SKCER' }).errors).toEqual([]);
  });
});
