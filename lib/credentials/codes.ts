import { randomFillSync } from 'node:crypto';

// Crockford-style alphabet: no I, L, O, U, so a code read aloud or typed from paper is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Random bytes are drawn in blocks (one call per ~185 codes instead of one per character). The
// alphabet has 32 symbols and 256 is a multiple of 32, so `byte & 31` picks each one with equal
// probability: no modulo bias, no rejection. A byte is used once.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomString(length: number): string {
  if (used + length > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[pool[used++]! & 31];
  return out;
}

/** DocId for the DigiLocker URI: alphanumeric, random (10 chars, 50 bits). */
export function newDocId(): string {
  return randomString(10);
}

/** Verification code printed under the QR: 12 chars (60 bits) in groups, e.g. `7KQ4-M2XD-9RTA`. */
export function newVerificationCode(): string {
  const s = randomString(12);
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/**
 * Typed codes are matched case-insensitively, with or without separators, and with confusable
 * letters read as the digits they look like.
 */
export function normaliseVerificationCode(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s;
}
