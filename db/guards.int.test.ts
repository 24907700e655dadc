import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { aadhaarVault, memberships, organisations, users } from '@/db/schema';
import { issueCertificate } from '@/lib/credentials/issue';
import { storeVaultEntries } from '@/lib/vault/aadhaar';
import { aadhaarVaultEntry } from '@/lib/vault/aadhaar-entry';
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

  // Migration 0009: memberships have no foreign keys either; statement-level triggers keep the
  // rules (see the migration).
  it('refuses a membership of an account or organisation that does not exist', async () => {
    const issuer = await createIssuer(db);
    const [user] = await db
      .insert(users)
      .values({ name: 'Member', mobile: uniqueMobile() })
      .returning();
    const nobody = '00000000-0000-4000-8000-00000000dead';
    const refused = (p: Promise<unknown>) =>
      expect(p).rejects.toMatchObject({ cause: { code: '23503' } });
    await refused(db.insert(memberships).values({ userId: nobody, role: 'citizen' }));
    await refused(
      db
        .insert(memberships)
        .values({ userId: user!.id, orgId: nobody, role: 'institution_operator' }),
    );
    // One bad row refuses the whole statement.
    await refused(
      db.insert(memberships).values([
        { userId: user!.id, role: 'citizen' },
        { userId: nobody, role: 'citizen' },
      ]),
    );
    await db
      .insert(memberships)
      .values({ userId: user!.id, orgId: issuer.id, role: 'institution_operator' });
    await refused(
      db.update(memberships).set({ userId: nobody }).where(eq(memberships.userId, user!.id)),
    );
    expect(await db.select().from(memberships).where(eq(memberships.userId, user!.id))).toEqual([
      expect.objectContaining({ orgId: issuer.id, role: 'institution_operator' }),
    ]);
  });

  it("deletes an account's or organisation's memberships with it, and keeps a member's id", async () => {
    const issuer = await createIssuer(db);
    const made = await db
      .insert(users)
      .values([
        { name: 'Leaving', mobile: uniqueMobile() },
        { name: 'Staying', mobile: uniqueMobile() },
      ])
      .returning();
    const [leaving, staying] = made as [typeof users.$inferSelect, typeof users.$inferSelect];
    await db.insert(memberships).values([
      { userId: leaving.id, role: 'citizen' },
      { userId: staying.id, role: 'citizen' },
      { userId: staying.id, orgId: issuer.id, role: 'institution_operator' },
    ]);
    await expect(
      db
        .update(users)
        .set({ id: '00000000-0000-4000-8000-000000000002' })
        .where(eq(users.id, staying.id)),
    ).rejects.toMatchObject({ cause: { code: '23503' } });
    await db.delete(users).where(eq(users.id, leaving.id));
    expect(await db.select().from(memberships).where(eq(memberships.userId, leaving.id))).toEqual(
      [],
    );
    await db.delete(organisations).where(eq(organisations.id, issuer.id));
    expect(await db.select().from(memberships).where(eq(memberships.userId, staying.id))).toEqual([
      expect.objectContaining({ orgId: null, role: 'citizen' }),
    ]);
  });
});
