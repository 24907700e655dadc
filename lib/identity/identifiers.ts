import { z } from 'zod';
import { verhoeffValid } from './verhoeff';

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

/** Aadhaar: 12 digits, first 2–9, Verhoeff check digit. */
export function isValidAadhaar(input: string): boolean {
  const v = input.replace(/\s/g, '');
  return /^[2-9]\d{11}$/.test(v) && verhoeffValid(v);
}

/** The only form in which an Aadhaar number is ever shown: `XXXX XXXX 1234`. */
export function maskAadhaar(input: string): string {
  return `XXXX XXXX ${input.replace(/\s/g, '').slice(-4)}`;
}
