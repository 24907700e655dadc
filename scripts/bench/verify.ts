// `npm run bench:verify` against real PostgreSQL (127.0.0.1:5432 or BENCH_DATABASE_URL):
// - /verify/{code} under 50 connections vs a separate bare Next.js app whose dynamic page does one
//   indexed lookup in a 100,000-row table (≥ 90% of its requests/s, in the same run);
// - a bare page inside Sanad, rendered by Next.js under the site layout, against the same baseline
//   (no target: it shows what any page of the site costs);
// - GET /api/verify/{code} (≥ 5,000 requests/s);
// - Pull Doc p95 with cached renditions (≤ 50 ms) and cold, render + sign (≤ 500 ms).
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { organisations } from '../../db/schema';
import { issueCertificates, type CertificateInput } from '../../lib/credentials/issue';
import { createPartner } from '../../lib/partner-api/partners';
import { BARE_ROWS, buildBareApp, seedBareTable, startBareApp, stopBareApp } from './bare-baseline';
import { percentile, verdict, withBenchApp, writeSection } from './results';

const PORT = Number(process.env.BENCH_PORT || 3311);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT || PORT + 2);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
// The page comparison alternates the pages run by run: on two shared cores a single pair of runs
// swung by ±10% from one run to the next, more than the difference being measured.
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

type Target = { base: string; pid: number | null };

// CPU seconds a process has used (user + system, from /proc; Linux only, else null).
// CPU time per request is a steadier comparison than requests/s on shared cores.
function cpuSeconds(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function findWebPid(supervisor: number): number | null {
  try {
    const children = fs.readFileSync(`/proc/${supervisor}/task/${supervisor}/children`, 'utf8');
    for (const pid of children.trim().split(/\s+/).map(Number)) {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('serve.mjs')) return pid;
    }
  } catch {
    // not Linux, or the process is gone: no CPU figures
  }
  return null;
}

async function load(title: string, target: Target, paths: string[]) {
  let i = 0;
  const cpuBefore = cpuSeconds(target.pid);
  const result = await autocannon({
    url: target.base,
    connections: 50,
    duration: SECONDS,
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) },
    ],
  });
  const cpuAfter = cpuSeconds(target.pid);
  const ok = result['2xx'];
  const cpuMs =
    cpuBefore !== null && cpuAfter !== null && ok > 0
      ? ((cpuAfter - cpuBefore) * 1000) / (ok + result.non2xx)
      : null;
  console.log(
    `${title}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}${cpuMs === null ? '' : `, web CPU ${cpuMs.toFixed(2)} ms/request`}`,
  );
  return {
    cpuMs,
    rps: ok / ((result.duration as number) || SECONDS),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
  };
}

/** Several runs as one: mean requests/s, median of the runs' p50 and p99, all failures. */
function combine(runs: Awaited<ReturnType<typeof load>>[]) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    rounds: runs.map((r) => r.rps.toFixed(0)).join(', '),
    cpuMs: runs.every((r) => r.cpuMs !== null)
      ? runs.reduce((n, r) => n + r.cpuMs!, 0) / runs.length
      : null,
  };
}

async function pullDocLatencies(uris: string[], apiKey: string, orgId: string): Promise<number[]> {
  const out: number[] = [];
  for (const uri of uris) {
    const body = `<PullDocRequest ver="1.0" ts="${new Date().toISOString()}" txn="${randomUUID()}" orgId="${orgId}" format="both"><DocDetails><URI>${uri}</URI></DocDetails></PullDocRequest>`;
    const t = performance.now();
    const res = await fetch(`${BASE}/api/digilocker/pull-doc`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/xml',
        'x-digilocker-hmac': createHmac('sha256', apiKey).update(body).digest('base64'),
      },
    });
    const text = await res.text();
    out.push(performance.now() - t);
    if (!text.includes('status="1"')) throw new Error(`pull-doc failed for ${uri}: ${res.status}`);
  }
  return out.sort((a, b) => a - b);
}

type Run = Awaited<ReturnType<typeof load>>;

// The machine is shared with other work: its load (before the measured runs) is part of the result.
let loadAtStart = 0;

async function main() {
  buildBareApp();
  await withBenchApp(
    { name: 'verify', port: PORT, adminUrl: ADMIN_URL, env: { SANAD_BENCH_ROUTES: '1' } },
    async ({ url, process: app, secrets }) => {
      const sanad: Target = { base: BASE, pid: findWebPid(app.pid!) };
      process.env.SANAD_MASTER_KEY ??= secrets.masterKey;
      const { db, sql } = createDb(url, 4);
      const [org] = await db
        .select()
        .from(organisations)
        .where(eq(organisations.code, 'in.sanad.demoskills'));
      const inputs: CertificateInput[] = Array.from({ length: 2000 }, (_, i) => ({
        docType: 'SKCER',
        number: `BENCH/${i}`,
        title: 'Skill Certificate',
        recipient: { name: i % 2 ? 'आशा शर्मा' : 'Ravi Patel', dob: '2001-05-14', gender: 'F' },
        issueDate: '2026-11-20',
        data: { kind: 'skill', award: 'Assistant Electrician', nsqfLevel: '4', grade: 'A' },
        templateKey: 'classic',
        signatories: [{ name: 'Dr. Meera Joshi', designation: 'Controller of Examinations' }],
      }));
      const certs = await issueCertificates(db, org!.id, inputs);
      const codes = certs.map((c) => c.verificationCode);
      const { apiKey, orgId } = await createPartner(db, 'Benchmark client');
      await sql.end();

      const bareCodes = await seedBareTable(url, codes.length);
      const bareApp = await startBareApp(url, BARE_PORT, bareCodes[0]!);
      try {
        const bare: Target = { base: `http://127.0.0.1:${BARE_PORT}`, pid: bareApp.pid ?? null };
        const pages = {
          bare: { title: 'bare Next.js app', target: bare, paths: bareCodes.map((c) => `/c/${c}`) },
          inSanad: {
            title: 'bare page in Sanad',
            target: sanad,
            paths: codes.map((c) => `/bench/baseline/${c}`),
          },
          verify: {
            title: '/verify/{code}',
            target: sanad,
            paths: codes.map((c) => `/verify/${c}`),
          },
        };
        // Warm up every page and the API (JIT, connection pools).
        for (const p of Object.values(pages))
          await load(`warm-up ${p.title}`, p.target, p.paths.slice(0, 100));
        await load(
          'warm-up API',
          sanad,
          codes.slice(0, 100).map((c) => `/api/verify/${c}`),
        );
        loadAtStart = os.loadavg()[0]!;
        const runs: Record<keyof typeof pages, Run[]> = { bare: [], inSanad: [], verify: [] };
        for (let round = 1; round <= ROUNDS; round++) {
          for (const [key, p] of Object.entries(pages) as [
            keyof typeof pages,
            (typeof pages)['bare'],
          ][])
            runs[key].push(await load(`${p.title}, round ${round}`, p.target, p.paths));
        }
        const api = await load(
          'GET /api/verify/{code}',
          sanad,
          codes.map((c) => `/api/verify/${c}`),
        );
        const uris = certs.slice(0, 100).map((c) => c.uri);
        const cold = await pullDocLatencies(uris, apiKey, orgId);
        const cached = await pullDocLatencies(uris, apiKey, orgId);
        report(combine(runs.bare), combine(runs.inSanad), combine(runs.verify), api, cold, cached);
      } finally {
        await stopBareApp(bareApp);
      }
    },
  );
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const pageRow = (label: string, r: ReturnType<typeof combine>) =>
  `${label} | ${r.rps.toFixed(0)} req/s (median p50 ${r.p50} ms, p99 ${r.p99} ms)`;

function report(
  bare: ReturnType<typeof combine>,
  inSanad: ReturnType<typeof combine>,
  verifyPage: ReturnType<typeof combine>,
  api: Run,
  cold: number[],
  cached: number[],
) {
  const ratio = verifyPage.rps / bare.rps;
  const coldP95 = percentile(cold, 95);
  const cachedP95 = percentile(cached, 95);
  const cpu = [bare.cpuMs, inSanad.cpuMs, verifyPage.cpuMs];
  writeSection('bench:verify', 'Verification and pull API (`npm run bench:verify`)', [
    `Sanad as \`npm start\` runs it (one web process and its worker) and, beside it, a bare Next.js app (\`scripts/bench/bare-app\`: root layout \`<html><body>\` only, one \`force-dynamic\` page doing one indexed lookup in a ${BARE_ROWS.toLocaleString('en')}-row table and rendering six fields, built and run with the project's \`next build\` / \`next start\`), both on PostgreSQL 15 at 127.0.0.1:5432 with 2,000 issued certificates; ${SECONDS} s per run with 50 connections (autocannon, on the same 2 cores). The pages are measured in ${ROUNDS} alternating rounds (bare app, bare page in Sanad, verify page, …) and averaged: requests/s per round were bare app ${bare.rounds}; bare page in Sanad ${inSanad.rounds}; verify page ${verifyPage.rounds}.`,
    '',
    '| measure | result | target | |',
    '| --- | --- | --- | --- |',
    `| ${pageRow('bare Next.js app (baseline)', bare)} | | |`,
    `| ${pageRow('bare page inside Sanad, under the site layout', inSanad)} = ${pct(inSanad.rps / bare.rps)} of baseline | | |`,
    `| ${pageRow('`/verify/{code}`', verifyPage)} = ${pct(ratio)} of baseline | ≥ 90% of baseline | ${verdict(ratio >= 0.9)} |`,
    `| \`GET /api/verify/{code}\` | ${api.rps.toFixed(0)} req/s (p50 ${api.p50} ms, p99 ${api.p99} ms) | ≥ 5,000 req/s | ${verdict(api.rps >= 5000)} |`,
    `| Pull Doc, cached renditions (format both), p95 of 100 | ${cachedP95.toFixed(1)} ms | ≤ 50 ms | ${verdict(cachedP95 <= 50)} |`,
    `| Pull Doc, cold: render PDF + sign XML, p95 of 100 | ${coldP95.toFixed(1)} ms | ≤ 500 ms | ${verdict(coldP95 <= 500)} |`,
    '',
    `Load average (1 minute) of the 2-core machine: ${loadAtStart.toFixed(1)} before the runs, ${os.loadavg()[0]!.toFixed(1)} after them; other work was running, so absolute figures vary from run to run and the same-run comparison is what counts.`,
    `Non-2xx answers during the runs: bare app ${bare.non2xx}, bare page in Sanad ${inSanad.non2xx}, verify page ${verifyPage.non2xx}, API ${api.non2xx}.`,
    ...(cpu.every((c) => c !== null)
      ? [
          `CPU time of the serving process per request (steadier than requests/s on shared cores; it includes the process's GC and thread-pool threads): bare app ${cpu[0]!.toFixed(2)} ms, bare page in Sanad ${cpu[1]!.toFixed(2)} ms, verify page ${cpu[2]!.toFixed(2)} ms, so by CPU the verify page costs ${pct(cpu[2]! / cpu[0]!)} of the bare app.`,
        ]
      : []),
    "`/verify/{code}` is rendered live on every request (no cache: a revocation shows at the next scan): one join, an Ed25519 check of the stored record, the status and details in the site's frame, and buffered telemetry. The web server renders it before Next.js, from the same components as its Next.js route, with no script (see below). The bare page in Sanad is a page rendered by Next.js under the site layout (session lookup, message bundles, header): what any page of the site costs.",
  ]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
