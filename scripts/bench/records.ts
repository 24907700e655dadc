// `npm run bench:records` against real PostgreSQL (127.0.0.1:5432 or
// BENCH_DATABASE_URL): a generated, realistic 100,000-row award file is validated (≤ 5 s) and
// published with account linking and certificate rows (≤ 10 s) by a worker-like process whose
// peak memory must stay ≤ 400 MB, while the running app keeps answering pages (latency measured
// during the publish). Then fresh processes read that file's report and validate hostile files,
// each within the same memory budget.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import postgres from 'postgres';
import { createDb } from '../../db/client';
import { organisations, users } from '../../db/schema';
import { generateAwardRows, sampleHeader } from '../../lib/records/sample';
import {
  runWorkChild,
  writeHugeCellFile,
  writeUnclosedQuoteFile,
  writeWideRowFile,
  type ChildReport,
} from './hostile-files';
import { percentile, verdict, withBenchApp, writeSection } from './results';

const ROWS = Number(process.env.BENCH_ROWS || 100_000);
const PORT = Number(process.env.BENCH_PORT || 3312);
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Requests a page one after another until `stop()`; returns the latencies. */
function probe(pathname: string) {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(`${BASE}${pathname}`);
        await res.arrayBuffer();
        if (!res.ok) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { sorted: latencies.sort((a, b) => a - b), failures };
    },
  };
}

/**
 * Peak memory of a fresh worker-like process (VmHWM) for the report of the big file and for
 * hostile files, each in its own process: table rows.
 */
async function hostileFiles(
  dir: string,
  env: NodeJS.ProcessEnv,
  ids: { orgId: string; userId: string; uploadId: string },
): Promise<string[]> {
  const files = {
    unclosed: path.join(dir, 'hostile-unclosed.csv'),
    cell: path.join(dir, 'hostile-cell.csv'),
    wide: path.join(dir, 'hostile-wide.csv'),
  };
  writeUnclosedQuoteFile(files.unclosed, 50);
  writeHugeCellFile(files.cell, 40);
  writeWideRowFile(files.wide);
  const rows: [string, ChildReport][] = [
    [
      `the report CSV of the ${ROWS.toLocaleString('en-IN')}-row file, read to the end`,
      await runWorkChild(['report', ids.uploadId, ids.orgId], env),
    ],
  ];
  for (const [what, file] of [
    ['receive and validate a 50 MB file with a quote never closed (row 4)', files.unclosed],
    ['receive and validate a file with a 40 MB cell', files.cell],
    ['receive and validate a row of 100,000 columns', files.wide],
  ] as const)
    rows.push([what, await runWorkChild(['validate', file, ids.orgId, ids.userId], env)]);
  return rows.map(([what, c]) => {
    const outcome = c.failure ? `refused (${c.failure.code})` : c.status;
    return `| peak memory: ${what}: ${outcome} in ${(c.ms / 1000).toFixed(2)} s | ${c.after.peak.toFixed(0)} MB | ≤ 400 MB | ${verdict(c.after.peak <= 400)} |`;
  });
}

async function main() {
  await withBenchApp(
    { name: 'records', port: PORT, adminUrl: ADMIN_URL },
    async ({ url, dataDir, env, secrets }) => {
      const { db, sql } = createDb(url, 2);
      const [org] = await db
        .select()
        .from(organisations)
        .where(eq(organisations.code, 'in.sanad.demoskills'));
      const [operator] = await db.select().from(users).where(eq(users.mobile, '9000000003'));

      // A realistic file: NAD + skill columns, two subjects, 90% with mobile, 50% with Aadhaar.
      const file = path.join(dataDir, 'bench-100k.csv');
      const t = performance.now();
      const rows = generateAwardRows({
        count: ROWS,
        seed: 42,
        certPrefix: 'BENCH/',
        withMobile: 0.9,
        withAadhaar: 0.5,
      });
      fs.writeFileSync(file, Papa.unparse([sampleHeader(), ...rows]));
      const sizeMb = fs.statSync(file).size / 1024 / 1024;
      console.log(
        `generated ${ROWS} rows (${sizeMb.toFixed(1)} MB) in ${(performance.now() - t).toFixed(0)} ms`,
      );
      await sql.end();

      // Warm the probed page, then measure it idle.
      const one = postgres(url, { max: 1 });
      const [{ code }] = (await one`select verification_code as code from certificates
      where number = 'DSI/2026/000101'`) as unknown as [{ code: string }];
      await one.end();
      const probePath = `/verify/${code}`;
      const idle = probe(probePath);
      await new Promise((r) => setTimeout(r, 3000));
      const idleResult = await idle.stop();

      const child = fork('scripts/bench/records-work.ts', [file, org!.id, operator!.id], {
        execArgv: ['--import', 'tsx', '--import', './scripts/hooks/register.mjs'],
        env: { ...env, SANAD_MASTER_KEY: secrets.masterKey, NEXTAUTH_SECRET: secrets.authSecret },
      });
      let busy: ReturnType<typeof probe> | null = null;
      const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
        child.on('message', (m: { phase: string }) => {
          if (m.phase === 'publishing') busy = probe(probePath);
          if (m.phase === 'done') resolve(m as unknown as Record<string, unknown>);
        });
        child.on('exit', (c) => (c ? reject(new Error(`work process exited ${c}`)) : undefined));
      });
      const busyResult = await (busy as ReturnType<typeof probe> | null)!.stop();
      const hostile = await hostileFiles(
        dataDir,
        { ...env, SANAD_MASTER_KEY: secrets.masterKey, NEXTAUTH_SECRET: secrets.authSecret },
        { orgId: org!.id, userId: operator!.id, uploadId: result.uploadId as string },
      );
      const r = result as {
        validated: string;
        published: string;
        receiveMs: number;
        validateMs: number;
        publishMs: number;
        peakMb: number;
        publishCpu: { nodeS: number; postgresS: number; walMb: number };
        validateCpu: { nodeS: number; postgresS: number };
        upload: Record<string, unknown>;
      };
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const idleP50 = percentile(idleResult.sorted, 50);
      const busyP50 = percentile(busyResult.sorted, 50);
      const busyP95 = percentile(busyResult.sorted, 95);
      const busyMax = busyResult.sorted.at(-1) ?? NaN;
      console.log(JSON.stringify(result, null, 2));
      writeSection('bench:records', 'Award CSV: validate and publish (`npm run bench:records`)', [
        `A generated ${ROWS.toLocaleString('en-IN')}-row award file (${sizeMb.toFixed(1)} MB: NAD and skill columns, two subjects, 90% of rows with a mobile number, 50% with an Aadhaar number, 10% Devanagari names) for the demo institution. PostgreSQL 15 at 127.0.0.1:5432; the app (web + worker) runs beside it, and a separate worker-like process does the work with the same functions as the \`records.validate\` and \`records.publish\` jobs.`,
        '',
        '| measure | result | target | |',
        '| --- | --- | --- | --- |',
        `| receive (stream to storage + SHA-256) | ${s(r.receiveMs)} | | |`,
        `| server-side validation, every row (parse, rules, Aadhaar vault, diff, COPY of ${ROWS.toLocaleString('en-IN')} results) | ${s(r.validateMs)} | ≤ 5 s | ${verdict(r.validateMs <= 5000)} |`,
        `| publish: account linking + ${ROWS.toLocaleString('en-IN')} signed certificate rows | ${s(r.publishMs)} | ≤ 10 s | ${verdict(r.publishMs <= 10_000)} |`,
        `| peak memory (VmHWM) of the process doing the work | ${r.peakMb.toFixed(0)} MB | ≤ 400 MB | ${verdict(r.peakMb <= 400)} |`,
        ...hostile,
        `| \`/verify/{code}\` while idle, p50 | ${idleP50.toFixed(0)} ms (${idleResult.sorted.length} requests) | | |`,
        `| \`/verify/{code}\` during the publish, p50 / p95 / max | ${busyP50.toFixed(0)} / ${busyP95.toFixed(0)} / ${busyMax.toFixed(0)} ms (${busyResult.sorted.length} requests, ${busyResult.failures} failed) | keeps answering | ${verdict(busyResult.failures === 0 && busyResult.sorted.length > 0)} |`,
        '',
        `During the validation: ${r.validateCpu.nodeS.toFixed(1)} CPU-seconds in the process doing the work, ${r.validateCpu.postgresS.toFixed(1)} in PostgreSQL.`,
        '',
        `During the publish: ${r.publishCpu.nodeS.toFixed(1)} CPU-seconds in the process doing the work (main and signing threads), ${r.publishCpu.postgresS.toFixed(1)} in PostgreSQL (all its processes, the app's queries included), ${r.publishCpu.walMb.toFixed(0)} MB of WAL.`,
        '',
        `Upload after publishing: ${JSON.stringify(r.upload)}.`,
      ]);
    },
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
