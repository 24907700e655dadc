import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { aadhaarVault, organisations, users } from '@/db/schema';
import { issueCertificate } from '@/lib/credentials/issue';
import { aadhaarVaultEntry, storeVaultEntries } from '@/lib/vault/aadhaar';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb, uniqueMobile } from '@/tests/helpers';

// Migration 0008: the certificates' issuer and the accounts' Aadhaar link have no foreign key
// (its per-row check was a quarter of a bulk publish's database work); triggers keep the parent
// side, so that nothing a certificate or an account refers to can disappear.

const { db, sql: pool } = testDb();
afterAll(async () => {
  await pool.end();
});

describe('parent-side guards of migration 0008', () => {
  it('refuses to delete or renumber an organisation that has issued certificates', async () => {
    const issuer = await createIssuer(db);
    await issueCertificate(db, issuer.id, skillCertificate());
    await expect(db.delete(organisations).where(eq(organisations.id, issuer.id))).rejects.toThrow();
    await expect(
      db
        .update(organisations)
        .set({ id: '00000000-0000-4000-8000-000000000001' })
        .where(eq(organisations.id, issuer.id)),
    ).rejects.toThrow();
    // Other changes to the organisation are untouched by the guard.
    await db.update(organisations).set({ name: 'Renamed' }).where(eq(organisations.id, issuer.id));
    const [still] = await db.select().from(organisations).where(eq(organisations.id, issuer.id));
    expect(still).toMatchObject({ name: 'Renamed' });
  });

  it('lets an organisation without certificates go', async () => {
    const issuer = await createIssuer(db);
    await db.delete(organisations).where(eq(organisations.id, issuer.id));
    expect(await db.select().from(organisations).where(eq(organisations.id, issuer.id))).toEqual(
      [],
    );
  });

  it('refuses to delete a vault entry an account refers to, and allows it once unlinked', async () => {
    // A number no other test uses (the vault id follows from the number).
    const entry = aadhaarVaultEntry(
      `${randomInt(2, 10)}${String(randomInt(1e11)).padStart(11, '0')}`,
    );
    await storeVaultEntries(db, [entry]);
    const [user] = await db
      .insert(users)
      .values({ name: 'Vault Holder', mobile: uniqueMobile(), aadhaarVaultId: entry.id })
      .returning();
    await expect(db.delete(aadhaarVault).where(eq(aadhaarVault.id, entry.id))).rejects.toThrow();
    await db.update(users).set({ aadhaarVaultId: null }).where(eq(users.id, user!.id));
    await db.delete(aadhaarVault).where(eq(aadhaarVault.id, entry.id));
  });
});
