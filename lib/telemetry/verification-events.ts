import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, pgArray } from '@/db/client';
import type { verificationEvents } from '@/db/schema';

type Event = Pick<typeof verificationEvents.$inferInsert, 'certificateId' | 'channel' | 'result'>;

// Verification telemetry (seed 002, Telemetry: QR scan vs typed code vs upload). Buffered and
// written in batches so that counting a check never slows the check down. One statement text
// for every batch size (arrays, not a VALUES list per row): postgres.js prepares and keeps each
// distinct text, so a VALUES list would have prepared a new statement for most flushes.
const buffer: (Event & { at: string })[] = [];
let timer: NodeJS.Timeout | null = null;

async function write(batch: (Event & { at: string })[]): Promise<void> {
  try {
    await getDb().execute(sql`
      insert into verification_events (certificate_id, channel, result, at)
      select * from unnest(${pgArray(batch.map((e) => e.certificateId ?? null))}::uuid[],
                           ${pgArray(batch.map((e) => e.channel))}::text[],
                           ${pgArray(batch.map((e) => e.result))}::text[],
                           ${pgArray(batch.map((e) => e.at))}::timestamptz[])`);
  } catch (error) {
    console.warn(
      `[telemetry] dropped ${batch.length} verification events:`,
      (error as Error).message,
    );
  }
}

/** Batches are written one after another; this is the last one queued. */
let writing: Promise<void> = Promise.resolve();

/**
 * Writes what is buffered now (also called by the timer and when 500 events are waiting), and
 * resolves when it and every batch queued before it are written.
 */
export function flushVerificationEvents(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = buffer.splice(0, buffer.length);
  if (batch.length > 0) writing = writing.then(() => write(batch));
  return writing;
}

export function recordVerification(event: Event): void {
  buffer.push({ ...event, at: new Date().toISOString() });
  if (buffer.length >= 500) void flushVerificationEvents();
  else timer ??= setTimeout(() => void flushVerificationEvents(), 1000);
}
