import { describe, expect, it } from 'vitest';
import { verhoeffValid } from '@/lib/identity/verhoeff';
import { ZAadhaarLinkConfirm, ZAadhaarNumber, ZClaimInput } from './schemas';

/** The one check digit that makes `prefix` (11 digits) a valid Verhoeff number. */
function withCheckDigit(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (verhoeffValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error('no check digit');
}

const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : r.error!.issues[0]!.message;

describe('the Verhoeff check', () => {
  it('accepts known good numbers and refuses every single-digit change of one', () => {
    expect(verhoeffValid('234123412346')).toBe(true);
    expect(verhoeffValid('499118665246')).toBe(true);
    const good = '234123412346';
    for (let i = 0; i < good.length; i++)
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue;
        expect(verhoeffValid(`${good.slice(0, i)}${d}${good.slice(i + 1)}`)).toBe(false);
      }
  });

  it('refuses two neighbouring digits swapped', () => {
    expect(verhoeffValid('324123412346')).toBe(false);
    expect(verhoeffValid('243123412346')).toBe(false);
  });
});

describe('ZAadhaarNumber', () => {
  it('takes 12 digits with spaces or dashes and gives back the digits', () => {
    expect(ZAadhaarNumber.parse('2341 2341 2346')).toBe('234123412346');
    expect(ZAadhaarNumber.parse('2341-2341-2346')).toBe('234123412346');
  });

  it('refuses a number starting with 0 or 1, the wrong length, or letters, as a format error', () => {
    for (const v of [
      withCheckDigit('03412341234'),
      withCheckDigit('13412341234'),
      '23412341234',
      '2341234123461',
      '2341234123a6',
      '',
    ])
      expect(issue(ZAadhaarNumber.safeParse(v))).toBe('aadhaarFormat');
  });

  it('refuses a number failing Verhoeff as a checksum error', () => {
    expect(issue(ZAadhaarNumber.safeParse('234123412345'))).toBe('aadhaarChecksum');
  });

  it('wants a 6-digit code with the number to confirm', () => {
    expect(ZAadhaarLinkConfirm.safeParse({ aadhaar: '234123412346', code: '12345' }).success).toBe(
      false,
    );
    expect(ZAadhaarLinkConfirm.parse({ aadhaar: '234123412346', code: ' 123456 ' })).toEqual({
      aadhaar: '234123412346',
      code: '123456',
    });
  });
});

describe('ZClaimInput', () => {
  const good = {
    issuerId: '0190a7c4-1e2f-7a00-8000-000000000001',
    number: ' CERT-1 ',
    dob: '2001-05-14',
    name: 'Asha Sharma',
  };
  it('trims the number and takes a valid claim', () => {
    expect(ZClaimInput.parse(good).number).toBe('CERT-1');
  });
  it('names the field at fault', () => {
    expect(issue(ZClaimInput.safeParse({ ...good, issuerId: 'x' }))).toBe('issuer');
    expect(issue(ZClaimInput.safeParse({ ...good, number: '  ' }))).toBe('number');
    expect(issue(ZClaimInput.safeParse({ ...good, dob: '2999-01-01' }))).toBe('dob');
    expect(issue(ZClaimInput.safeParse({ ...good, name: 'A' }))).toBe('name');
  });
});
