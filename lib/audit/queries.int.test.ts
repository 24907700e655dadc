import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '@/db/schema';
import { createPerson } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { AUDIT_PAGE_SIZE, listAuditEntries } from './queries';

// The audit page's filters: by person (who did it, or to whom), by action, by days in the
// reader's time zone, a page at a time.
const { db, sql: pool } = testDb();
const tag = randomBytes(4).toString('hex');
let asha: { id: string };
let ravi: { id: string };

beforeAll(async () => {
  [asha, ravi] = await Promise.all([createPerson(db), createPerson(db)]);
  await db
    .update(users)
    .set({ name: `Asha ${tag}` })
    .where(eq(users.id, asha.id));
  await db
    .update(users)
    .set({ name: `Ravi ${tag}` })
    .where(eq(users.id, ravi.id));
  const at = (iso: string) => new Date(iso);
  await db.insert(auditLog).values([
    // 20:00 UTC on 30 October is 31 October in India, still 30 October in New York.
    {
      actorUserId: asha.id,
      action: 'membership.grant',
      objectType: 'user',
      objectId: ravi.id,
      at: at('2031-10-30T20:00:00Z'),
    },
    {
      actorUserId: asha.id,
      action: 'membership.revoke',
      objectType: 'user',
      objectId: ravi.id,
      at: at('2031-10-29T10:00:00Z'),
    },
    { actorUserId: ravi.id, action: 'auth.sign_in', outcome: 'ok', at: at('2031-10-28T10:00:00Z') },
    ...Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
      actorUserId: ravi.id,
      action: 'records.upload',
      objectType: 'upload',
      objectId: `u${i}`,
      at: new Date(Date.UTC(2031, 9, 1, 0, i)),
    })),
  ]);
});
afterAll(async () => {
  await pool.end();
});

const list = (
  filter: Parameters<typeof listAuditEntries>[1]['filter'],
  timeZone = 'Asia/Kolkata',
) => listAuditEntries(db, { filter, timeZone });

describe('the audit log’s filters', () => {
  it('finds what a person did and what was done to them, by name, mobile or email', async () => {
    const byAsha = await list({ person: `asha ${tag}`, page: 1 });
    expect(byAsha.entries.map((e) => e.action)).toEqual(['membership.grant', 'membership.revoke']);
    expect(byAsha.entries[0]).toMatchObject({
      actorName: `Asha ${tag}`,
      objectName: `Ravi ${tag}`,
    });

    const toRavi = await list({ person: `Ravi ${tag}`, action: 'membership.revoke', page: 1 });
    expect(toRavi.total).toBe(1);
    const [r] = await db.select().from(users).where(eq(users.id, ravi.id));
    expect((await list({ person: `+91 ${r!.mobile}`, page: 1 })).total).toBe(AUDIT_PAGE_SIZE + 8);
    expect((await list({ person: r!.email!.toUpperCase(), page: 1 })).total).toBe(
      AUDIT_PAGE_SIZE + 8,
    );
  });

  it('takes days in the reader’s time zone', async () => {
    const day = { person: tag, from: '2031-10-31', to: '2031-10-31', page: 1 };
    expect((await list(day, 'Asia/Kolkata')).entries.map((e) => e.action)).toEqual([
      'membership.grant',
    ]);
    expect((await list(day, 'America/New_York')).total).toBe(0);
    expect(
      (
        await list({ ...day, from: '2031-10-30', to: '2031-10-30' }, 'America/New_York')
      ).entries.map((e) => e.action),
    ).toEqual(['membership.grant']);
    expect((await list({ person: tag, from: '2031-10-28', page: 1 })).total).toBe(3);
    expect((await list({ person: tag, to: '2031-10-28', page: 1 })).total).toBe(
      AUDIT_PAGE_SIZE + 6,
    );
  });

  it('pages newest first, and a page past the end shows the last', async () => {
    const filter = { person: `Ravi ${tag}`, action: 'records.upload' as const, page: 1 };
    const first = await list(filter);
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, page: 1, pages: 2 });
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]!.objectId).toBe(`u${AUDIT_PAGE_SIZE + 4}`);
    const last = await list({ ...filter, page: 7 });
    expect(last.page).toBe(2);
    expect(last.entries.map((e) => e.objectId)).toEqual(['u4', 'u3', 'u2', 'u1', 'u0']);
  });

  it('matches a search literally (no LIKE wildcards)', async () => {
    expect((await list({ person: '%', page: 1 })).total).toBe(0);
  });
});
