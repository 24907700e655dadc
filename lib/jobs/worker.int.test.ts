import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { addToOutbox } from '@/lib/notify/outbox';
import { startTestSmtp } from '@/tests/smtp';
import { testDb, uniqueMobile } from '@/tests/helpers';
import { getSenderBoss } from './boss';
import { deliverOutboxMessage } from './definitions';
import { enqueue } from './enqueue';

const { db, sql: pool } = testDb();
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let worker: ChildProcess;

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  // The worker is a separate process, started the way `npm start` starts it.
  worker = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './scripts/hooks/register.mjs', 'scripts/worker.ts'],
    {
      env: { ...process.env, SMTP_URL: smtp.url },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let out = '';
  worker.stdout!.on('data', (c) => (out += c));
  worker.stderr!.on('data', (c) => (out += c));
  await waitFor(() => out.includes('listening for'), 60_000).catch(() => {
    throw new Error(`worker did not start:\n${out}`);
  });
});

afterAll(async () => {
  worker?.kill('SIGTERM');
  await (await getSenderBoss()).stop({ graceful: false, wait: false }).catch(() => {});
  await smtp.close();
  await pool.end();
});

describe('job queue', () => {
  it('runs a job enqueued in this process in the worker process', async () => {
    const to = `job-${uniqueMobile()}@example.org`;
    const messageId = await addToOutbox(db, {
      channel: 'email',
      recipient: to,
      subject: 'Queued',
      body: 'From another process',
      template: 'test',
    });
    await enqueue(deliverOutboxMessage, { messageId });
    await waitFor(() => smtp.received.some((m) => m.to.includes(to)), 30_000);
    // Enqueued again (a duplicate wake-up): still one email.
    await enqueue(deliverOutboxMessage, { messageId });
    await new Promise((r) => setTimeout(r, 2000));
    expect(smtp.received.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('refuses a payload that does not match the job schema', async () => {
    const refused = enqueue(deliverOutboxMessage, { messageId: 'not-a-uuid' });
    await expect(refused).rejects.toBeInstanceOf(ZodError);
    await expect(refused).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['messageId'], format: 'uuid' })],
    });
  });
});
