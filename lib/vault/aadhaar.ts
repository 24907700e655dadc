import 'server-only';
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pgArray, type DbOrTx } from '@/db/client';
import { deriveKey, seal } from '@/lib/crypto/secret-box';

// DESIGN.md, Data: an Aadhaar number is kept only here, sealed (AES-256-GCM under the master
// key) with an HMAC blind index for matching. Callers keep the vault id, never the number.

let indexKey: { master: string; key: Buffer } | null = null;

function blindIndexKey(): Buffer {
  const master = process.env.SANAD_MASTER_KEY ?? '';
  if (indexKey?.master !== master) indexKey = { master, key: deriveKey('aadhaar-blind-index') };
  return indexKey.key;
}

export type VaultEntry = { id: string; blindIndex: string; sealed: string; last4: string };

/**
 * The vault entry for a 12-digit Aadhaar number. Its id is derived from the blind index, so the
 * same number always has the same id and a bulk upload can refer to it before it is stored.
 */
export function aadhaarVaultEntry(digits: string): VaultEntry {
  const mac = createHmac('sha256', blindIndexKey()).update(digits).digest();
  const h = mac.subarray(0, 16).toString('hex');
  // A UUID (version 8, "custom") made of the first 122 bits of the blind index.
  const v = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return { id, blindIndex: mac.toString('hex'), sealed: seal(digits), last4: digits.slice(-4) };
}

/** Stores entries (those already present are left as they are). */
export async function storeVaultEntries(db: DbOrTx, entries: VaultEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 5000) {
    const slice = entries.slice(i, i + 5000);
    await db.execute(sql`
      insert into aadhaar_vault (id, blind_index, sealed, last4)
      select * from unnest(${pgArray(slice.map((e) => e.id))}::uuid[],
                           ${pgArray(slice.map((e) => e.blindIndex))}::text[],
                           ${pgArray(slice.map((e) => e.sealed))}::text[],
                           ${pgArray(slice.map((e) => e.last4))}::text[])
      on conflict do nothing`);
  }
}

/** Puts Aadhaar numbers into the vault; returns the vault id of each. */
export async function vaultAadhaarNumbers(
  db: DbOrTx,
  numbers: Iterable<string>,
): Promise<Map<string, string>> {
  const out = new Map<string, VaultEntry>();
  for (const digits of numbers) if (!out.has(digits)) out.set(digits, aadhaarVaultEntry(digits));
  await storeVaultEntries(db, [...out.values()]);
  return new Map([...out].map(([d, e]) => [d, e.id]));
}
