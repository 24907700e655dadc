// `npm run bench:verify` (issue 3) against real PostgreSQL (127.0.0.1:5432 or BENCH_DATABASE_URL):
// - /verify/{code} under 50 connections vs a bare dynamic page with one indexed lookup (≥ 90%);
// - GET /api/verify/{code} (≥ 1,500 requests/s);
// - Pull Doc p95 with cached renditions (≤ 50 ms) and cold, render + sign (≤ 500 ms).
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { organisations } from '../../db/schema';
import { issueCertificates, type CertificateInput } from '../../lib/credentials/issue';
import { createPartner } from '../../lib/partner-api/partners';
import { percentile, verdict, withBenchApp, writeSection } from './results';

const PORT = Number(process.env.BENCH_PORT || 3311);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
// The page comparison alternates baseline and verify runs: on two shared cores a single pair of
// runs swung by ±10% from one run to the next, more than the difference being measured.
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

// CPU seconds the web process has used (user + system, from /proc; Linux only, else null).
// CPU time per request is a steadier comparison than requests/s on shared cores.
let webPid: number | null = null;
function webCpuSeconds(): number | null {
  if (webPid === null) return null;
  try {
    const fields = fs.readFileSync(`/proc/${webPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
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

async function load(title: string, paths: string[]) {
  let i = 0;
  const cpuBefore = webCpuSeconds();
  const result = await autocannon({
    url: BASE,
    connections: 50,
    duration: SECONDS,
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) },
    ],
  });
  const cpuAfter = webCpuSeconds();
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

async function main() {
  await withBenchApp(
    { name: 'verify', port: PORT, adminUrl: ADMIN_URL, env: { SANAD_BENCH_ROUTES: '1' } },
    async ({ url, process: app, secrets }) => {
      webPid = findWebPid(app.pid!);
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

      // Warm up both pages and the API (JIT, connection pools).
      await load('warm-up', [
        ...codes.slice(0, 50).map((c) => `/verify/${c}`),
        ...codes.slice(0, 50).map((c) => `/bench/baseline/${c}`),
        ...codes.slice(0, 50).map((c) => `/api/verify/${c}`),
      ]);
      const baselineRuns: Awaited<ReturnType<typeof load>>[] = [];
      const verifyRuns: Awaited<ReturnType<typeof load>>[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        baselineRuns.push(
          await load(
            `baseline page, round ${round}`,
            codes.map((c) => `/bench/baseline/${c}`),
          ),
        );
        verifyRuns.push(
          await load(
            `/verify/{code}, round ${round}`,
            codes.map((c) => `/verify/${c}`),
          ),
        );
      }
      const baseline = combine(baselineRuns);
      const verifyPage = combine(verifyRuns);
      const api = await load(
        'GET /api/verify/{code}',
        codes.map((c) => `/api/verify/${c}`),
      );

      const uris = certs.slice(0, 100).map((c) => c.uri);
      const cold = await pullDocLatencies(uris, apiKey, orgId);
      const cached = await pullDocLatencies(uris, apiKey, orgId);
      const ratio = verifyPage.rps / baseline.rps;
      const coldP95 = percentile(cold, 95);
      const cachedP95 = percentile(cached, 95);
      writeSection('bench:verify', 'Verification and pull API (`npm run bench:verify`)', [
        `One web process and its worker, PostgreSQL 15 at 127.0.0.1:5432, 2,000 issued certificates, ${SECONDS} s per run with 50 connections (autocannon, on the same 2 cores). The two pages are measured in ${ROUNDS} alternating rounds (baseline, verify, baseline, …) and averaged: requests/s per round were baseline ${baseline.rounds} and verify ${verifyPage.rounds}.`,
        '',
        '| measure | result | target | |',
        '| --- | --- | --- | --- |',
        `| bare dynamic page, one indexed lookup (baseline) | ${baseline.rps.toFixed(0)} req/s (median p50 ${baseline.p50} ms, p99 ${baseline.p99} ms) | | |`,
        `| \`/verify/{code}\` | ${verifyPage.rps.toFixed(0)} req/s (median p50 ${verifyPage.p50} ms, p99 ${verifyPage.p99} ms) = ${(ratio * 100).toFixed(0)}% of baseline | ≥ 90% of baseline | ${verdict(ratio >= 0.9)} |`,
        `| \`GET /api/verify/{code}\` | ${api.rps.toFixed(0)} req/s (p50 ${api.p50} ms, p99 ${api.p99} ms) | ≥ 1,500 req/s | ${verdict(api.rps >= 1500)} |`,
        `| Pull Doc, cached renditions (format both), p95 of 100 | ${cachedP95.toFixed(1)} ms | ≤ 50 ms | ${verdict(cachedP95 <= 50)} |`,
        `| Pull Doc, cold: render PDF + sign XML, p95 of 100 | ${coldP95.toFixed(1)} ms | ≤ 500 ms | ${verdict(coldP95 <= 500)} |`,
        '',
        `Non-2xx answers during the runs: baseline ${baseline.non2xx}, verify page ${verifyPage.non2xx}, API ${api.non2xx}.`,
        ...(baseline.cpuMs !== null && verifyPage.cpuMs !== null
          ? [
              `CPU time of the web process per request (steadier than requests/s on shared cores; it includes the process's GC and thread-pool threads): baseline ${baseline.cpuMs.toFixed(2)} ms, verify page ${verifyPage.cpuMs.toFixed(2)} ms, so by CPU the verify page costs ${((verifyPage.cpuMs / baseline.cpuMs) * 100).toFixed(0)}% of the baseline.`,
            ]
          : []),
        'The baseline page renders under the same root layout (header, language) as the verify page, so the comparison isolates the verification work: one join, an Ed25519 check of the stored record, the status and details, and buffered telemetry.',
      ]);
    },
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
