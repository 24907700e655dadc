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

/** CPU seconds used so far by every PostgreSQL process on this machine (utime + stime). */
function postgresCpuS(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const f = stat.slice(close + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
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
  const vCpu0 = process.cpuUsage();
  const vPg0 = postgresCpuS();
  const validated = await validateUpload(db, id);
  const validateMs = performance.now() - t;
  const vCpu = process.cpuUsage(vCpu0);
  const validateCpu = {
    nodeS: (vCpu.user + vCpu.system) / 1e6,
    postgresS: postgresCpuS() - vPg0,
  };
  const afterValidate = peakRssMb();
  send({ phase: 'validated' });
  await requestPublish(db, { orgId, uploadId: id, actorUserId: userId, templateKey: 'classic' });
  send({ phase: 'publishing' });
  const [{ lsn: wal0 }] = (await sql`select pg_current_wal_lsn() as lsn`) as unknown as [
    { lsn: string },
  ];
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpuS();
  t = performance.now();
  const published = await runPublish(db, id);
  const publishMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds of this process and of every PostgreSQL process, and the WAL written.
  const [{ walBytes }] = (await sql`
    select pg_wal_lsn_diff(pg_current_wal_lsn(), ${wal0})::float8 as "walBytes"`) as unknown as [
    { walBytes: number },
  ];
  const publishCpu = {
    nodeS: (cpu.user + cpu.system) / 1e6,
    postgresS: postgresCpuS() - pg0,
    walMb: walBytes / 1048576,
  };
  const [u] = await sql`select row_count, accepted_count, published_rows, linked_count,
    accounts_created, issued_count, sign_in_sms_count, arrived_sms_count, publish_failure
    from record_uploads where id = ${id}`;
  await sql.end();
  send({
    phase: 'done',
    uploadId: id,
    validated,
    published,
    receiveMs,
    validateMs,
    publishMs,
    publishCpu,
    validateCpu,
    peakValidateMb: afterValidate,
    peakMb: peakRssMb(),
    upload: u,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
