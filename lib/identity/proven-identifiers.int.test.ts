import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, memberships, otpCodes, outbox, users } from '@/db/schema';
import { requestSignInCode, verifySignInCode } from '@/lib/auth/otp';
import { ConflictError, InvalidCodeError } from '@/lib/errors';
import { createPerson } from '@/tests/fixtures';
import { lastCodeSentTo, testDb, uniqueIp, uniqueMobile } from '@/tests/helpers';
import { confirmIdentifierLink, removeSignInEmail, requestIdentifierLink } from './link-identifier';

// A mobile number or email signs in to an account only after the account's holder entered a
// code sent to it.

const { db, sql: pool } = testDb();
afterAll(() => pool.end());

const codeSentTo = (recipient: string, template = 'auth.link') =>
  lastCodeSentTo(db, recipient, template);

const ctxOf = (userId: string) => ({ userId, ip: uniqueIp(), userAgent: 'vitest' });
const email = () => `p${uniqueMobile()}@example.org`;

describe('adding a sign-in email or mobile to one’s account', () => {
  it('adds an email only with the code sent to it, and then it signs in', async () => {
    const me = await createPerson(db);
    const ctx = ctxOf(me.id);
    const address = email();
    await requestIdentifierLink(db, ctx, address);
    // Before the code, nothing changed.
    const [before] = await db.select().from(users).where(eq(users.id, me.id));
    expect(before!.email).toBe(me.email);
    const code = await codeSentTo(address);
    await confirmIdentifierLink(db, ctx, { identifier: address, code });
    const [after] = await db.select().from(users).where(eq(users.id, me.id));
    expect(after!.email).toBe(address);
    expect(after!.emailVerifiedAt).not.toBeNull();
    // The email it replaced is told.
    const [told] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, me.email!), eq(outbox.template, 'auth.identifier_changed')));
    expect(told!.body).toContain(address);
    // And now it signs in to this account.
    await requestSignInCode(db, { identifier: address, ip: uniqueIp() });
    const signedIn = await verifySignInCode(db, {
      identifier: address,
      code: await codeSentTo(address, 'auth.otp'),
      ip: uniqueIp(),
    });
    expect(signedIn).toMatchObject({ userId: me.id, created: false, method: 'email' });
  });

  it('a wrong code changes nothing, and a code sent for another account does not work', async () => {
    const me = await createPerson(db);
    const other = await createPerson(db);
    const address = email();
    await requestIdentifierLink(db, ctxOf(me.id), address);
    const code = await codeSentTo(address);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(
      confirmIdentifierLink(db, ctxOf(me.id), { identifier: address, code: wrong }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    // The other account never asked: the code is not theirs to use.
    await expect(
      confirmIdentifierLink(db, ctxOf(other.id), { identifier: address, code }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    // A sign-in code is not a link code either.
    await expect(
      verifySignInCode(db, { identifier: address, code, ip: uniqueIp() }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    const [u] = await db.select().from(users).where(eq(users.id, other.id));
    expect(u!.email).toBe(other.email);
    expect(await db.select().from(users).where(eq(users.email, address))).toEqual([]);
  });

  it("says an address is someone else's only after the code proved it is one's own", async () => {
    const owner = await createPerson(db);
    const me = await createPerson(db);
    // The same answer for a taken and a free address when asking for the code.
    const taken = await requestIdentifierLink(db, ctxOf(me.id), owner.email!);
    const free = await requestIdentifierLink(db, ctxOf(me.id), email());
    expect(Object.keys(taken)).toEqual(Object.keys(free));
    const code = await codeSentTo(owner.email!);
    const refusal = confirmIdentifierLink(db, ctxOf(me.id), { identifier: owner.email!, code });
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toThrow(/already signs in to another Sanad account/);
    const [u] = await db.select().from(users).where(eq(users.id, owner.id));
    expect(u!.email).toBe(owner.email);
  });

  it('changes the mobile number the same way, and the old number is told', async () => {
    const me = await createPerson(db);
    const mobile = uniqueMobile();
    await requestIdentifierLink(db, ctxOf(me.id), `+91 ${mobile}`);
    await confirmIdentifierLink(db, ctxOf(me.id), {
      identifier: mobile,
      code: await codeSentTo(mobile),
    });
    const [u] = await db.select().from(users).where(eq(users.id, me.id));
    expect(u!.mobile).toBe(mobile);
    const [told] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, me.mobile!), eq(outbox.template, 'auth.identifier_changed')));
    expect(told!.channel).toBe('sms');
  });

  it('removes the email only while a mobile number remains', async () => {
    const me = await createPerson(db);
    await removeSignInEmail(db, ctxOf(me.id));
    const [u] = await db.select().from(users).where(eq(users.id, me.id));
    expect(u).toMatchObject({ email: null, emailVerifiedAt: null });

    const address = email();
    await requestSignInCode(db, { identifier: address, ip: uniqueIp() });
    const { userId } = await verifySignInCode(db, {
      identifier: address,
      code: await codeSentTo(address, 'auth.otp'),
      ip: uniqueIp(),
    });
    await expect(removeSignInEmail(db, ctxOf(userId))).rejects.toThrow(/only way to sign in/);
  });
});

describe('the database keeps unproven emails out of sign-in', () => {
  it('refuses an email without the time it was proven', async () => {
    await expect(
      db.insert(users).values({ mobile: uniqueMobile(), email: email() }),
    ).rejects.toMatchObject({ cause: { constraint_name: 'users_email_verified_ck' } });
  });

  it('the migration moves unproven emails to the staff roles and keeps sign-up emails', async () => {
    const migration = fs
      .readFileSync(
        path.join(process.cwd(), 'db/migrations/0015_unproven_emails_become_contacts.sql'),
        'utf8',
      )
      .split('--> statement-breakpoint');
    const typed = email();
    const signUp = email();
    const published = email();
    // As the data stood before: emails typed by others sat on accounts, unmarked.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`alter table users drop constraint users_email_verified_ck`);
        const [staff] = await tx
          .insert(users)
          .values({ mobile: uniqueMobile(), email: typed })
          .returning();
        const [own] = await tx.insert(users).values({ email: signUp }).returning();
        const [fromCsv] = await tx
          .insert(users)
          .values({ mobile: uniqueMobile(), email: published })
          .returning();
        const org = await tx.execute(
          sql`insert into organisations (kind, name, code, status)
              values ('institution', 'Migration ITI', ${`in.sanad.m${uniqueMobile()}`}, 'active')
              returning id`,
        );
        await tx.insert(memberships).values([
          { userId: staff!.id, role: 'citizen' },
          {
            userId: staff!.id,
            role: 'institution_operator',
            orgId: (org as unknown as { id: string }[])[0]!.id,
          },
        ]);
        for (const statement of migration) await tx.execute(sql.raw(statement));
        await tx.execute(
          sql`alter table users add constraint users_email_verified_ck
              check (email is null or email_verified_at is not null)`,
        );
        const after = await tx
          .select()
          .from(users)
          .where(sql`${users.id} in (${staff!.id}, ${own!.id}, ${fromCsv!.id})`);
        const byId = new Map(after.map((u) => [u.id, u]));
        expect(byId.get(staff!.id)!.email).toBeNull();
        expect(byId.get(fromCsv!.id)!.email).toBeNull();
        expect(byId.get(own!.id)).toMatchObject({ email: signUp });
        expect(byId.get(own!.id)!.emailVerifiedAt).not.toBeNull();
        const [role] = await tx
          .select()
          .from(memberships)
          .where(
            and(eq(memberships.userId, staff!.id), eq(memberships.role, 'institution_operator')),
          );
        expect(role!.contactEmail).toBe(typed);
        throw new Error('roll back');
      })
      .catch((e: Error) => {
        if (e.message !== 'roll back') throw e;
      });
  });
});

describe('failed checks of a link code are audited like sign-in codes', () => {
  it('records the wrong code against the address', async () => {
    const me = await createPerson(db);
    const address = email();
    await requestIdentifierLink(db, ctxOf(me.id), address);
    await expect(
      confirmIdentifierLink(db, ctxOf(me.id), { identifier: address, code: '000001' }),
    ).rejects.toBeInstanceOf(InvalidCodeError);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, address), eq(auditLog.action, 'auth.code_failed')));
    expect(entries[0]).toMatchObject({ outcome: 'denied', actorUserId: me.id });
    const [code] = await db.select().from(otpCodes).where(eq(otpCodes.identifier, address));
    expect(code).toMatchObject({ purpose: 'link', userId: me.id });
  });
});
