import { afterEach, describe, expect, it, vi } from 'vitest';
import { verhoeffValid } from '@/lib/identity/verhoeff';
import { analyseHeader } from './columns';
import { maskAadhaarLike } from './aadhaar-text';
import {
  isAadhaarHeader,
  prepareRowContext,
  todayInIndia,
  validateRow,
  type ValidatedRow,
} from './validate-row';

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
    [' delete ', 'DELETE'],
    ['A', 'ADD'],
  ])('%j means %s', (value, op) => {
    const r = check({ OPERATION: value });
    expect(r.operation).toBe(op);
    expect(r.errors).toEqual([]);
  });

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
    ['GENDER', 'T', 'T'],
    ['GENDER', 'O', 'T'],
    ['GENDER', 'Male', 'M'],
    ['EMAIL', 'asha@x.in', 'asha@x.in'],
    ['PERCENT', '.5', '.5'],
    ['EMAIL', `${'a'.repeat(246)}@mail.in`, `${'a'.repeat(246)}@mail.in`],
    ['CERT_NO', 'A'.repeat(64), 'A'.repeat(64)],
    ['CNAME', 'A'.repeat(200), 'A'.repeat(200)],
    // Only CERT_NO must be free of control characters; other text is kept as given.
    ['CNAME', 'Asha\tSharma', 'Asha\tSharma'],
    // Dates other than DOB may lie in the future or long ago.
    ['DOI', '01-01-2999', '2999-01-01'],
    ['ASSESSMENT_DATE', '01-01-1800', '1800-01-01'],
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
    ['DOB', '114-08-2004', 'dateFormat'],
    ['DOB', '14-08-20045', 'dateFormat'],
    ['DOB', '12004-08-14', 'dateFormat'],
    ['DOB', '2004-08-145', 'dateFormat'],
    ['EMAIL', `${'a'.repeat(247)}@mail.in`, 'email'],
    ['ABC_ACCOUNT_ID', '1234567890123', 'abcId'],
    ['ABC_ACCOUNT_ID', 'X123456789012', 'abcId'],
    ['LOCKER_ID', 'zzzzzzzz-2fa1-11d2-883f-0016d3cca427', 'lockerId'],
    ['ORG_PIN', '0302001', 'pin'],
    ['ORG_PIN', '3020019', 'pin'],
    ['PERCENT', '.a', 'number'],
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
    ['AADHAAR_NO', '2341234123460', 'aadhaarFormat'],
    ['AADHAAR_NO', '1234123412346', 'aadhaarFormat'],
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
    expect(r.certNo).toBe(col === 'CERT_NO' ? masked : VALID.CERT_NO);
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

describe('validateRow: edges', () => {
  afterEach(() => vi.useRealTimers());

  it('takes a date of birth of today in India, and not tomorrow', () => {
    const today = todayInIndia();
    const dmy = (iso: string) => iso.split('-').reverse().join('-');
    expect(check({ DOB: dmy(today) }).errors).toEqual([]);
    const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
    expect(codes(check({ DOB: dmy(tomorrow) }))).toEqual(['DOB:dobFuture']);
  });

  it('knows the date in India, five and a half hours ahead of UTC', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-14T18:29:00Z'));
    expect(todayInIndia()).toBe('2026-03-14');
    vi.setSystemTime(new Date('2026-03-14T18:31:00Z'));
    expect(todayInIndia()).toBe('2026-03-15');
  });

  it('shows an error value of 100 characters whole and cuts a longer one', () => {
    expect(check({ GENDER: 'X'.repeat(100) }).errors[0]!.value).toBe('X'.repeat(100));
    expect(check({ GENDER: 'X'.repeat(101) }).errors[0]!.value).toBe(`${'X'.repeat(100)}…`);
  });

  it('says an empty mandatory cell is required, with no value', () => {
    expect(check({ RROLL: '' }).errors).toEqual([{ column: 'RROLL', value: '', code: 'required' }]);
  });

  it('asks a DELETE for CERT_NO when the header lacks it', () => {
    const header = HEADER.filter((h) => h !== 'CERT_NO');
    const r = check({ OPERATION: 'D' }, header);
    expect(r.errors).toEqual([{ column: 'CERT_NO', value: '', code: 'required' }]);
    expect(r.certNo).toBe('');
  });

  it('trims the institution default document type', () => {
    const ctx = prepareRowContext(analyseHeader(HEADER), ' skcer ');
    expect(ctx.defaultDocType).toBe('SKCER');
  });

  it('reads the ***END*** marker trimmed, at the lowest subject that has it', () => {
    expect(check({ SUB2NM: ' ***END*** ', SUB3_TOT: 'eighty' }).errors).toEqual([]);
    // SUB10 is subject ten, after the marker in SUB2; header order does not matter.
    const header = ['SUB10NM', 'SUB10_TOT', 'SUB5NM', 'SUB3_TOT', ...HEADER];
    const r = check(
      { SUB10NM: 'Physics', SUB10_TOT: 'x', SUB5NM: '***END***', SUB3_TOT: 'y' },
      header,
    );
    expect(r.errors).toEqual([]);
    expect(r.fields).not.toHaveProperty('SUB10NM');
    expect(r.fields).not.toHaveProperty('SUB3_TOT');
  });

  it('takes the marker only from a subject name column', () => {
    const header = [...HEADER, 'SUB9_EXTRA'];
    const r = check({ REMARKS: '***END***', SUB9_EXTRA: 'kept' }, [...header, 'REMARKS']);
    expect(r.errors).toEqual([]);
    expect(r.fields).toMatchObject({
      CNAME: 'Asha Sharma',
      SUB9_EXTRA: 'kept',
      REMARKS: '***END***',
    });
  });

  it('files nothing under a blank header cell', () => {
    const r = check({ '': 'stray' }, [...HEADER, '']);
    expect(Object.keys(r.fields)).not.toContain('');
  });

  it('takes the apostrophe off a tab-led formula and trims what is left', () => {
    const r = check({ HOSTEL: "'\t=A1" }, [...HEADER, 'HOSTEL']);
    expect(r.fields.HOSTEL).toBe('=A1');
  });

  it('keeps the first Aadhaar number when two columns hold one', () => {
    const second = [...'0123456789'].map((d) => `98765432109${d}`).find(verhoeffValid)!;
    const r = check({ UID_NO: second }, [...HEADER, 'UID_NO']);
    expect(r.errors).toEqual([]);
    expect(r.aadhaar).toBe('234123412346');
    expect(r.fields.AADHAAR_MASKED).toBe('XXXX XXXX 2346');
  });

  it('lets only MOBILE hold 91 and a mobile number that looks like an Aadhaar number', () => {
    const m = [...'0123456789']
      .map((d) => `9198765432${d}`)
      .flatMap((h) => [...'0123456789'].map((d) => h + d))
      .find((x) => maskAadhaarLike(x) !== null)!;
    const dashed = `${m.slice(0, 4)}-${m.slice(4, 8)}-${m.slice(8)}`;
    const r = check({ MOBILE: dashed });
    expect(r.errors).toEqual([]);
    expect(r.fields.MOBILE).toBe(m.slice(2));
    expect(codes(check({ REGN_NO: m }))).toEqual(['REGN_NO:aadhaarElsewhere']);
  });
});

describe('isAadhaarHeader', () => {
  it.each([
    'AADHAAR_NO',
    'AADHAR_NO',
    'ADHAR',
    'ADAR_NO',
    'AADHAAR',
    'AADHARNO',
    'AADHAR NUMBER',
    'AADHAAR_NUM',
    'UID',
    'UID_NO',
    'UID NO',
    'UIDNO',
  ])('%s is an Aadhaar column', (h) => expect(isAadhaarHeader(h)).toBe(true));

  it.each(['MOBILE', 'CNAME', 'XUID', 'UIDX', 'AADHAAR_NOTE', 'MY_AADHAR', 'ABC_ACCOUNT_ID', ''])(
    '%s is not',
    (h) => expect(isAadhaarHeader(h)).toBe(false),
  );
});
