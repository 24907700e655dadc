// A worker-like child process (hostile-files.ts, `runWorkChild`) that does one piece of award-file
// work with the functions the jobs and routes run, then reports the result and its peak memory
// (VmHWM): `validate <file> <org id> <user id>` receives and validates a file; `report <upload
// id> <org id>` reads the upload's report CSV to the end. The parent makes the institution and
// the operator.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '../../db/client';
import { recordUploads } from '../../db/schema';
import { receiveUpload } from '../../lib/records/intake';
import { reportCsv } from '../../lib/records/report';
import { validateUpload } from '../../lib/records/validate-upload';

/** Peak and current resident memory in MB, from /proc (Linux); the current RSS elsewhere. */
function memoryMb(): { peak: number; now: number } {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]);
  const now = process.memoryUsage().rss / 1048576;
  return { peak: kb('VmHWM') / 1024 || now, now: kb('VmRSS') / 1024 || now };
}

async function validate(db: Db, [file, orgId, userId]: string[]) {
  const { id } = await receiveUpload(db, {
    orgId: orgId!,
    userId: userId!,
    fileName: 'hostile.csv',
    body: fs.createReadStream(file!),
  });
  const status = await validateUpload(db, id);
  const [u] = await db
    .select({ failure: recordUploads.failure })
    .from(recordUploads)
    .where(eq(recordUploads.id, id));
  return { uploadId: id, status, failure: u?.failure ?? null };
}

async function report(db: Db, [uploadId, orgId]: string[]) {
  const { body } = await reportCsv(
    db,
    { orgId: orgId!, uploadId: uploadId! },
    { onlyErrors: false, locale: 'en' },
  );
  let bytes = 0;
  for await (const piece of body as unknown as AsyncIterable<Uint8Array>) bytes += piece.length;
  return { uploadId, status: 'reported', failure: null, bytes };
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  const { db, sql } = createDb(process.env.DATABASE_URL!, 4);
  const before = memoryMb();
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const result = mode === 'report' ? await report(db, args) : await validate(db, args);
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  await sql.end();
  process.send?.({
    ...result,
    ms,
    cpuS: (cpu.user + cpu.system) / 1e6,
    before,
    after: memoryMb(),
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
