import { createHmac, randomInt } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { aadhaarVault } from '@/db/schema';
import { deriveKey, open } from '@/lib/crypto/secret-box';
import { testDb } from '@/tests/helpers';
import { storeVaultEntries, vaultAadhaarNumbers } from './aadhaar';
import { aadhaarVaultEntry, aadhaarVaultId } from './aadhaar-entry';

const { db, sql: pool } = testDb();
afterAll(() => pool.end());
const savedKey = process.env.SANAD_MASTER_KEY;
afterEach(() => {
  process.env.SANAD_MASTER_KEY = savedKey;
});

/** A 12-digit number no other test uses (Aadhaar numbers do not start with 0 or 1). */
function uniqueAadhaar(): string {
  return `${randomInt(2, 10)}${String(randomInt(0, 1e11)).padStart(11, '0')}`;
}

/** Every way the number could sit in the stored text without being encrypted. */
function encodingsOf(digits: string): string[] {
  const b = Buffer.from(digits);
  return [digits, b.toString('base64'), b.toString('base64url'), b.toString('hex')];
}

async function stored(id: string) {
  const [row] = await db.select().from(aadhaarVault).where(eq(aadhaarVault.id, id));
  return row;
}

describe('the Aadhaar vault', () => {
  it('stores the number encrypted under the master key, nowhere in clear or merely encoded', async () => {
    const digits = uniqueAadhaar();
    const ids = await vaultAadhaarNumbers(db, [digits]);
    const row = await stored(ids.get(digits)!);
    expect(row).toBeDefined();
    // Decrypting with the master key gives the number back: the stored value is a ciphertext.
    expect(open(row!.sealed).toString('utf8')).toBe(digits);
    // …and with any other key it does not open (AES-GCM authenticates).
    expect(() => open(row!.sealed, Buffer.alloc(32, 1))).toThrow(
      /unable to authenticate|Unsupported state/,
    );
    const body = Buffer.from(row!.sealed.slice(3), 'base64');
    for (const text of [row!.sealed, row!.blindIndex, row!.id, body.toString('latin1')]) {
      for (const enc of encodingsOf(digits)) expect(text).not.toContain(enc);
    }
    expect(row!.last4).toBe(digits.slice(-4));
  });

  it('seals the same number differently each time (random IV), yet opens both', () => {
    const digits = uniqueAadhaar();
    const a = aadhaarVaultEntry(digits);
    const b = aadhaarVaultEntry(digits);
    expect(a.sealed).not.toBe(b.sealed);
    expect(a.sealed).toMatch(/^v1\./);
    expect(open(a.sealed).toString()).toBe(digits);
    expect(open(b.sealed).toString()).toBe(digits);
    expect({ id: a.id, blindIndex: a.blindIndex, last4: a.last4 }).toEqual({
      id: b.id,
      blindIndex: b.blindIndex,
      last4: digits.slice(-4),
    });
  });

  it('matches a number by an HMAC under a key derived from the master key, not a plain hash', () => {
    const digits = uniqueAadhaar();
    const { blindIndex } = aadhaarVaultId(digits);
    expect(blindIndex).toBe(
      createHmac('sha256', deriveKey('aadhaar-blind-index')).update(digits).digest('hex'),
    );
    // A different master key gives a different index, so a leaked table cannot be matched
    // against a list of numbers without the key.
    process.env.SANAD_MASTER_KEY = Buffer.alloc(32, 9).toString('base64');
    const other = aadhaarVaultId(digits);
    expect(other.blindIndex).not.toBe(blindIndex);
    process.env.SANAD_MASTER_KEY = savedKey;
    expect(aadhaarVaultId(digits).blindIndex).toBe(blindIndex);
  });

  it('makes the vault id a version-8 UUID of the first 122 bits of the blind index', () => {
    for (let n = 0; n < 64; n++) {
      const { id, blindIndex } = aadhaarVaultId(uniqueAadhaar());
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const hex = id.replace(/-/g, '');
      for (let i = 0; i < 32; i++) {
        if (i === 12) continue; // the version nibble
        if (i === 16) {
          // The variant: 10 in the top two bits, the index's low two bits kept.
          expect(parseInt(hex[i]!, 16) & 0x3).toBe(parseInt(blindIndex[i]!, 16) & 0x3);
          continue;
        }
        expect(hex[i]).toBe(blindIndex[i]);
      }
    }
    const a = uniqueAadhaar();
    expect(aadhaarVaultId(a).id).toBe(aadhaarVaultId(a).id);
  });

  it('returns one id per distinct number, and keeps the first entry of a number stored twice', async () => {
    const [x, y] = [uniqueAadhaar(), uniqueAadhaar()];
    const first = await vaultAadhaarNumbers(db, [x, y, x]);
    expect([...first.keys()]).toEqual([x, y]);
    expect(first.get(x)).toBe(aadhaarVaultId(x).id);
    expect(first.get(y)).toBe(aadhaarVaultId(y).id);
    const before = await stored(first.get(x)!);
    const again = await vaultAadhaarNumbers(db, [x]);
    expect(again.get(x)).toBe(first.get(x));
    const after = await stored(first.get(x)!);
    expect(after!.sealed).toBe(before!.sealed);
    const rows = await db
      .select()
      .from(aadhaarVault)
      .where(inArray(aadhaarVault.id, [first.get(x)!, first.get(y)!]));
    expect(rows).toHaveLength(2);
  });

  it('stores a bulk upload larger than one insert batch, every entry', async () => {
    const entries = Array.from({ length: 5003 }, () => aadhaarVaultEntry(uniqueAadhaar()));
    await storeVaultEntries(db, entries);
    const ids = entries.map((e) => e.id);
    const rows = await db
      .select({ id: aadhaarVault.id, sealed: aadhaarVault.sealed, last4: aadhaarVault.last4 })
      .from(aadhaarVault)
      .where(inArray(aadhaarVault.id, ids));
    expect(rows).toHaveLength(new Set(ids).size);
    const last = entries.at(-1)!;
    expect(rows.find((r) => r.id === last.id)).toEqual({
      id: last.id,
      sealed: last.sealed,
      last4: last.last4,
    });
  });
});
