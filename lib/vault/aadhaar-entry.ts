import 'server-only';
import { createHmac } from 'node:crypto';
import { deriveKey, seal } from '@/lib/crypto/secret-box';

// A vault entry made without the database (aadhaar.ts stores them): also what a validation's
// helper thread loads, so it stays free of database modules.

let indexKey: { master: string; key: Buffer } | null = null;

function blindIndexKey(): Buffer {
  const master = process.env.SANAD_MASTER_KEY ?? '';
  if (indexKey?.master !== master) indexKey = { master, key: deriveKey('aadhaar-blind-index') };
  return indexKey.key;
}

export type VaultEntry = { id: string; blindIndex: string; sealed: string; last4: string };

/**
 * The vault id of a 12-digit Aadhaar number: made from its blind index, so the same number always
 * has the same id. This is how a number is matched without keeping or comparing it in clear.
 */
export function aadhaarVaultId(digits: string): { id: string; blindIndex: string } {
  const mac = createHmac('sha256', blindIndexKey()).update(digits).digest();
  const h = mac.subarray(0, 16).toString('hex');
  // A UUID (version 8, "custom") made of the first 122 bits of the blind index.
  const v = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return { id, blindIndex: mac.toString('hex') };
}

/** The vault entry for a 12-digit Aadhaar number; a bulk upload can refer to its id at once. */
export function aadhaarVaultEntry(digits: string): VaultEntry {
  return { ...aadhaarVaultId(digits), sealed: seal(digits), last4: digits.slice(-4) };
}
