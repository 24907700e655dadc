import { z } from 'zod';

// Identifier formats: ../shared/spec/digilocker.md, "Identifiers".

/** 10-digit Indian mobile number, first digit 6–9, optional +91 / 91 prefix and separators. */
export function normaliseMobile(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, '');
  const m = /^(?:\+?91)?([6-9]\d{9})$/.exec(compact);
  return m ? m[1]! : null;
}

export function normaliseEmail(input: string): string | null {
  const v = input.trim().toLowerCase();
  return z.email().safeParse(v).success ? v : null;
}

export type SignInIdentifier = { kind: 'mobile' | 'email'; value: string };

/** A sign-in identifier is a mobile number or an email address. */
export function parseSignInIdentifier(input: string): SignInIdentifier | null {
  const mobile = normaliseMobile(input);
  if (mobile) return { kind: 'mobile', value: mobile };
  if (input.includes('@')) {
    const email = normaliseEmail(input);
    if (email) return { kind: 'email', value: email };
  }
  return null;
}

export function maskMobile(mobile: string): string {
  return `XXXXXX${mobile.slice(-4)}`;
}

/** Verhoeff checksum, used by Aadhaar's last digit. */
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const rev = digits.split('').reverse();
  for (let i = 0; i < rev.length; i++) c = D[c]![P[i % 8]![Number(rev[i])]!]!;
  return c === 0;
}

/** Aadhaar: 12 digits, first 2–9, Verhoeff check digit. */
export function isValidAadhaar(input: string): boolean {
  const v = input.replace(/\s/g, '');
  return /^[2-9]\d{11}$/.test(v) && verhoeffValid(v);
}

/** The only form in which an Aadhaar number is ever shown: `XXXX XXXX 1234`. */
export function maskAadhaar(input: string): string {
  return `XXXX XXXX ${input.replace(/\s/g, '').slice(-4)}`;
}
