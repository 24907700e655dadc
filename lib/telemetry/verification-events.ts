import 'server-only';
import { getDb } from '@/db/client';
import { verificationEvents } from '@/db/schema';

type Event = typeof verificationEvents.$inferInsert;

// Verification telemetry (seed 002, Telemetry: QR scan vs typed code vs upload). Buffered and
// written in batches so that counting a check never slows the check down.
const buffer: Event[] = [];
let timer: NodeJS.Timeout | null = null;

async function flush(): Promise<void> {
  timer = null;
  const batch = buffer.splice(0, buffer.length);
  if (batch.length === 0) return;
  try {
    await getDb().insert(verificationEvents).values(batch);
  } catch (error) {
    console.warn(
      `[telemetry] dropped ${batch.length} verification events:`,
      (error as Error).message,
    );
  }
}

export function recordVerification(event: Event): void {
  buffer.push({ ...event, at: new Date() });
  if (buffer.length >= 500) void flush();
  else timer ??= setTimeout(() => void flush(), 1000);
}
