import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { flushVerificationEvents, recordVerification } from './verification-events';

// Verification telemetry: each check is counted by channel, in batches.

async function eventsWith(result: string) {
  return (await getDb().execute(sql`
    select certificate_id as "certificateId", channel, result, at
    from verification_events where result like ${`${result}%`}
    order by result`)) as unknown as {
    certificateId: string | null;
    channel: string;
    result: string;
    at: Date;
  }[];
}

describe('verification telemetry', () => {
  it('records each check with its channel, certificate and result', async () => {
    const tag = `t-${randomUUID()}`;
    const certificateId = randomUUID();
    const before = Date.now();
    recordVerification({ certificateId, channel: 'qr', result: `${tag}-1 active` });
    recordVerification({ channel: 'typed', result: `${tag}-2 not-found` });
    recordVerification({ channel: 'upload', result: `${tag}-3 invalid:"quoted",\\back` });
    await flushVerificationEvents();
    const rows = await eventsWith(tag);
    expect(rows.map((r) => [r.channel, r.result, r.certificateId])).toEqual([
      ['qr', `${tag}-1 active`, certificateId],
      ['typed', `${tag}-2 not-found`, null],
      ['upload', `${tag}-3 invalid:"quoted",\\back`, null],
    ]);
    for (const r of rows) expect(new Date(r.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('writes a full batch at once and the rest on the next flush', async () => {
    const tag = `b-${randomUUID()}`;
    for (let i = 0; i < 620; i++)
      recordVerification({ channel: 'api', result: `${tag}-${String(i).padStart(3, '0')}` });
    await flushVerificationEvents();
    const rows = await eventsWith(tag);
    expect(rows).toHaveLength(620);
    expect(new Set(rows.map((r) => r.result)).size).toBe(620);
  });
});
