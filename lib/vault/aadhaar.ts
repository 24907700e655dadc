import 'server-only';
import { sql } from 'drizzle-orm';
import { pgArray, type DbOrTx } from '@/db/client';
import { aadhaarVaultEntry, type VaultEntry } from './aadhaar-entry';

// DESIGN.md, Data: an Aadhaar number is kept only here, sealed (AES-256-GCM under the master
// key) with an HMAC blind index for matching. Callers keep the vault id, never the number.

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
