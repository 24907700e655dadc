// A worker-like child process that receives and validates one award file with the functions the
// `records.validate` job runs, then reports the result and its peak memory (VmHWM): run by
// `npm run bench:records` for hostile files and by the memory test of lib/records. The parent
// creates the institution and the operator.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { recordUploads } from '../../db/schema';
import { receiveUpload } from '../../lib/records/intake';
import { validateUpload } from '../../lib/records/validate-upload';

/** Peak and current resident memory in MB, from /proc (Linux); the current RSS elsewhere. */
function memoryMb(): { peak: number; now: number } {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]);
  const now = process.memoryUsage().rss / 1048576;
  return { peak: kb('VmHWM') / 1024 || now, now: kb('VmRSS') / 1024 || now };
}

async function main() {
  const [file, orgId, userId] = process.argv.slice(2) as [string, string, string];
  const { db, sql } = createDb(process.env.DATABASE_URL!, 4);
  const { id } = await receiveUpload(db, {
    orgId,
    userId,
    fileName: 'hostile.csv',
    body: fs.createReadStream(file),
  });
  const before = memoryMb();
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const status = await validateUpload(db, id);
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const [u] = await db
    .select({ failure: recordUploads.failure, rowCount: recordUploads.rowCount })
    .from(recordUploads)
    .where(eq(recordUploads.id, id));
  await sql.end();
  process.send?.({ uploadId: id, status, ms, cpuS: (cpu.user + cpu.system) / 1e6, failure: u?.failure ?? null, rows: u?.rowCount, before, after: memoryMb() });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
