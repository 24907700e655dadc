import 'server-only';
import { createHmac } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { pgArray, type DbOrTx } from '@/db/client';
import { aadhaarVault } from '@/db/schema';
import { deriveKey, seal } from '@/lib/crypto/secret-box';

// DESIGN.md, Data: an Aadhaar number is kept only here, sealed (AES-256-GCM under the master
// key) with an HMAC blind index for matching. Callers get a vault id back and keep that.

let indexKey: { master: string; key: Buffer } | null = null;

function blindIndexKey(): Buffer {
  const master = process.env.SANAD_MASTER_KEY ?? '';
  if (indexKey?.master !== master) indexKey = { master, key: deriveKey('aadhaar-blind-index') };
  return indexKey.key;
}

/** The blind index of a 12-digit Aadhaar number (hex HMAC-SHA256). */
export function aadhaarBlindIndex(digits: string): string {
  return createHmac('sha256', blindIndexKey()).update(digits).digest('hex');
}

/**
 * Puts Aadhaar numbers (12 digits each, already validated) into the vault and returns the vault
 * id of each. The same number always gets the same id.
 */
export async function vaultAadhaarNumbers(
  db: DbOrTx,
  numbers: Iterable<string>,
): Promise<Map<string, string>> {
  const byIndex = new Map<string, string>();
  for (const digits of numbers) byIndex.set(aadhaarBlindIndex(digits), digits);
  const out = new Map<string, string>();
  const entries = [...byIndex.entries()];
  for (let i = 0; i < entries.length; i += 5000) {
    const slice = entries.slice(i, i + 5000);
    const indexes = slice.map(([index]) => index);
    await db.execute(sql`
      insert into aadhaar_vault (blind_index, sealed, last4)
      select * from unnest(${pgArray(indexes)}::text[],
                           ${pgArray(slice.map(([, d]) => seal(d)))}::text[],
                           ${pgArray(slice.map(([, d]) => d.slice(-4)))}::text[])
      on conflict (blind_index) do nothing`);
    const rows = await db
      .select({ id: aadhaarVault.id, blindIndex: aadhaarVault.blindIndex })
      .from(aadhaarVault)
      .where(inArray(aadhaarVault.blindIndex, indexes));
    for (const r of rows) out.set(byIndex.get(r.blindIndex)!, r.id);
  }
  return out;
}
