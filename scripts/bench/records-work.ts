// Child of `npm run bench:records`: receives, validates and publishes one file with the same
// functions the worker runs, then reports timings and this process's peak RSS (VmHWM).
import fs from 'node:fs';
import { createDb } from '../../db/client';
import { receiveUpload } from '../../lib/records/intake';
import { requestPublish, runPublish } from '../../lib/records/publish';
import { validateUpload } from '../../lib/records/validate-upload';

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
}

async function main() {
  const [file, orgId, userId] = process.argv.slice(2) as [string, string, string];
  const { db, sql } = createDb(process.env.DATABASE_URL!, 4);
  const send = (m: object) => process.send?.(m);
  let t = performance.now();
  const { id } = await receiveUpload(db, {
    orgId,
    userId,
    fileName: 'bench-100k.csv',
    body: fs.createReadStream(file),
  });
  const receiveMs = performance.now() - t;
  t = performance.now();
  const validated = await validateUpload(db, id);
  const validateMs = performance.now() - t;
  const afterValidate = peakRssMb();
  send({ phase: 'validated' });
  await requestPublish(db, { orgId, uploadId: id, actorUserId: userId, templateKey: 'classic' });
  send({ phase: 'publishing' });
  t = performance.now();
  const published = await runPublish(db, id);
  const publishMs = performance.now() - t;
  const [u] = await sql`select row_count, accepted_count, published_rows, linked_count,
    accounts_created, publish_error from record_uploads where id = ${id}`;
  await sql.end();
  send({
    phase: 'done',
    validated,
    published,
    receiveMs,
    validateMs,
    publishMs,
    peakValidateMb: afterValidate,
    peakMb: peakRssMb(),
    upload: u,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
