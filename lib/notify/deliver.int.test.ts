import http from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { startTestSmtp } from '@/tests/smtp';
import { testDb, uniqueMobile } from '@/tests/helpers';
import { deliverMessage, MAX_ATTEMPTS } from './deliver';
import { addBulkToOutbox, addToOutbox } from './outbox';
import { createTransports } from './transports';

const { db, sql: pool } = testDb();
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
  await pool.end();
});

describe('outbox delivery', () => {
  it('delivers an email to the SMTP server exactly once, even when the job runs twice', async () => {
    const to = `once-${uniqueMobile()}@example.org`;
    const id = await db.transaction((tx) =>
      addToOutbox(tx, {
        channel: 'email',
        recipient: to,
        subject: 'Hello',
        body: 'Body text',
        template: 'test',
      }),
    );
    const transports = createTransports({ smtpUrl: smtp.url });
    // Two concurrent runs and one late rerun.
    const outcomes = await Promise.all([
      deliverMessage(db, id, transports),
      deliverMessage(db, id, transports),
    ]);
    outcomes.push(await deliverMessage(db, id, transports));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    const mails = smtp.received.filter((m) => m.to.includes(to));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain('Body text');
    expect(mails[0]!.raw).toContain(`<${id}@sanad.outbox>`);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('redacts a delivered sign-in code', async () => {
    const to = `otp-${uniqueMobile()}@example.org`;
    const id = await addToOutbox(db, {
      channel: 'email',
      recipient: to,
      subject: 'Code',
      body: 'Your code is 123456',
      template: 'auth.otp',
    });
    await deliverMessage(db, id, createTransports({ smtpUrl: smtp.url }));
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row!.body).not.toContain('123456');
  });

  it('leaves a message pending when its channel has no transport (dev inbox)', async () => {
    const id = await addToOutbox(db, {
      channel: 'sms',
      recipient: uniqueMobile(),
      body: 'hi',
      template: 'test',
    });
    expect(await deliverMessage(db, id, {})).toBe('no-transport');
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('retries with back-off and gives up after the last attempt', async () => {
    const id = await addToOutbox(db, {
      channel: 'sms',
      recipient: uniqueMobile(),
      body: 'hi',
      template: 'test',
    });
    const failing = {
      sms: async () => {
        throw new Error('gateway down');
      },
    };
    expect(await deliverMessage(db, id, failing)).toBe('retry');
    let [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'gateway down' });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: a rerun does nothing.
    expect(await deliverMessage(db, id, failing)).toBe('skipped');
    // Fast-forward through the remaining attempts.
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await db
        .update(outbox)
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where(eq(outbox.id, id));
      await deliverMessage(db, id, failing);
    }
    [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('sends an SMS through the HTTP webhook once, with its id as idempotency key', async () => {
    const hits: { body: string; key: string | undefined; auth: string | undefined }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push({
          body,
          key: req.headers['idempotency-key'] as string,
          auth: req.headers.authorization,
        });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const mobile = uniqueMobile();
    const id = await addToOutbox(db, {
      channel: 'sms',
      recipient: mobile,
      body: 'Your code',
      template: 'test',
    });
    const transports = createTransports({
      smsWebhookUrl: `http://127.0.0.1:${port}/sms`,
      smsWebhookToken: 'tok',
    });
    await Promise.all([deliverMessage(db, id, transports), deliverMessage(db, id, transports)]);
    server.close();
    expect(hits).toHaveLength(1);
    expect(JSON.parse(hits[0]!.body)).toEqual({ id, to: mobile, text: 'Your code' });
    expect(hits[0]!.key).toBe(id);
    expect(hits[0]!.auth).toBe('Bearer tok');
  });

  it('sends a bulk message to each number once, resuming after a failure where it stopped', async () => {
    const numbers = Array.from({ length: 120 }, () => uniqueMobile());
    const id = await addBulkToOutbox(db, {
      channel: 'sms',
      recipients: numbers,
      body: 'Your locker is ready',
      template: 'test.bulk',
    });
    const sent: { id: string; to: string; body: string }[] = [];
    let failAt: number | null = 70;
    const flaky = {
      sms: async (m: { id: string; recipient: string; body: string }) => {
        if (sent.length === failAt) throw new Error('gateway busy');
        sent.push({ id: m.id, to: m.recipient, body: m.body });
      },
    };
    expect(await deliverMessage(db, id, flaky)).toBe('retry');
    let [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'pending', sentCount: 70, attempts: 1 });
    expect(row!.lastError).toBe('number 71 of 120: gateway busy');
    // Due again: the retry starts at number 71, and two runs at once send it once.
    failAt = null;
    await db
      .update(outbox)
      .set({ nextAttemptAt: sql`now() - interval '1 second'` })
      .where(eq(outbox.id, id));
    const outcomes = await Promise.all([
      deliverMessage(db, id, flaky),
      deliverMessage(db, id, flaky),
    ]);
    expect(outcomes.sort()).toEqual(['sent', 'skipped']);
    expect(sent.map((m) => m.to)).toEqual(numbers);
    expect(new Set(sent.map((m) => m.id)).size).toBe(120); // one idempotency key per number
    expect(sent[0]!.id).toBe(`${id}.0`);
    expect(sent.every((m) => m.body === 'Your locker is ready')).toBe(true);
    [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'sent', sentCount: 120, lastError: null });
  });

  it('moves a number that fails every attempt out of a bulk message, and sends the rest', async () => {
    const numbers = Array.from({ length: 30 }, () => uniqueMobile());
    const bad = numbers[10]!;
    const id = await addBulkToOutbox(db, {
      channel: 'sms',
      recipients: numbers,
      body: 'Your locker is ready',
      template: 'test.bulk',
    });
    const sent: string[] = [];
    const refusing = {
      sms: async (m: { recipient: string }) => {
        if (m.recipient === bad) throw new Error('SMS webhook answered HTTP 400');
        sent.push(m.recipient);
      },
    };
    const outcomes: string[] = [];
    for (let run = 0; run < MAX_ATTEMPTS; run++) {
      await db
        .update(outbox)
        .set({ nextAttemptAt: sql`now() - interval '1 second'` })
        .where(eq(outbox.id, id));
      outcomes.push(await deliverMessage(db, id, refusing));
    }
    // Seven back-offs at the refused number, then the rest goes out in the same run.
    expect(outcomes).toEqual([...Array<string>(MAX_ATTEMPTS - 1).fill('retry'), 'sent']);
    expect(sent).toEqual(numbers.filter((n) => n !== bad));
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row).toMatchObject({ status: 'sent', sentCount: 30, lastError: null });
    const own = await db.select().from(outbox).where(eq(outbox.recipient, bad));
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      body: 'Your locker is ready',
      template: 'test.bulk',
      lastError: 'SMS webhook answered HTTP 400',
    });
  });

  it('refuses a message with both a recipient and a list, or an empty list', async () => {
    await expect(
      db.insert(outbox).values({
        channel: 'sms',
        recipient: uniqueMobile(),
        recipients: [uniqueMobile()],
        body: 'x',
        template: 'test',
      }),
    ).rejects.toThrow();
    await expect(
      db.insert(outbox).values({ channel: 'sms', recipients: [], body: 'x', template: 'test' }),
    ).rejects.toThrow();
    await expect(
      addBulkToOutbox(db, { channel: 'sms', recipients: [], body: 'x', template: 'test' }),
    ).rejects.toThrow(/needs recipients/);
  });
});
