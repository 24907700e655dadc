// `npm run bench:locker` against the app as `npm start` runs it, on real PostgreSQL
// (127.0.0.1:5432 or BENCH_DATABASE_URL):
// - the issued-documents page of a citizen holding 1,000 certificates: p95 ≤ 200 ms server time
//   (one request at a time, so the time is the server's);
// - five 10 MB uploads at once: the web process grows by ≤ 50 MB, each stored in ≤ 1.5 s;
// - opening a share link: p95 ≤ 100 ms at 20 connections.
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { createDb } from '../../db/client';
import { memberships, organisations, users } from '../../db/schema';
import { startSession } from '../../lib/auth/sessions';
import { issueCertificates, type CertificateInput } from '../../lib/credentials/issue';
import { createShareLink } from '../../lib/locker/share-links';
import { percentile, verdict, withBenchApp, writeSection } from './results';

const PORT = Number(process.env.BENCH_PORT || 3315);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const HELD = Number(process.env.BENCH_HELD || 1000);
const PAGE_REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS || 200);
const SHARE_SECONDS = Number(process.env.BENCH_SECONDS || 10);
const UPLOAD_BYTES = 10 * 1024 * 1024 - 4096;

function findWebPid(supervisor: number): number | null {
  try {
    const children = fs.readFileSync(`/proc/${supervisor}/task/${supervisor}/children`, 'utf8');
    for (const pid of children.trim().split(/\s+/).map(Number)) {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('serve.mjs')) return pid;
    }
  } catch {
    // not Linux: no memory figures
  }
  return null;
}

function rssMb(pid: number | null): number {
  if (pid === null) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** A plain PDF of about `bytes`: one page whose content stream is mostly spaces. */
function bigPdf(bytes: number): Buffer {
  const head = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
  const pages = '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n';
  const page =
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n';
  const fill = Math.max(0, bytes - 400);
  const stream = `4 0 obj\n<< /Length ${fill} >>\nstream\n${' '.repeat(fill)}\nendstream\nendobj\n`;
  return Buffer.from(`${head}${pages}${page}${stream}trailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

async function timed(fn: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
}

async function main() {
  await withBenchApp(
    { name: 'locker', port: PORT, adminUrl: ADMIN_URL },
    async ({ url, base, process: app, secrets, env }) => {
      // This process signs the seeded certificates with the app's own keys.
      process.env.SANAD_MASTER_KEY = secrets.masterKey;
      process.env.PUBLIC_BASE_URL = env.PUBLIC_BASE_URL;
      const { db, sql } = createDb(url, 4);
      const [org] = await db
        .select()
        .from(organisations)
        .where(eq(organisations.code, 'in.sanad.demoskills'));
      const [citizen] = await db
        .insert(users)
        .values({ name: 'Bench Holder', mobile: '7000000999', dob: '2000-01-01', gender: 'F' })
        .returning();
      await db.insert(memberships).values({ userId: citizen!.id, role: 'citizen', orgId: null });

      // 1,000 certificates in this citizen's locker.
      const t0 = performance.now();
      const ids: string[] = [];
      for (let from = 0; from < HELD; from += 100) {
        const inputs: CertificateInput[] = [];
        for (let i = from; i < Math.min(HELD, from + 100); i++) {
          inputs.push({
            docType: 'SKCER',
            number: `BENCH-LOCKER-${String(i).padStart(5, '0')}`,
            title: 'Skill Certificate',
            recipient: {
              name: 'Bench Holder',
              dob: '2000-01-01',
              gender: 'F',
              lockerUserId: citizen!.id,
            },
            issueDate: '2026-11-20',
            data: { kind: 'skill', award: 'Assistant Electrician', grade: 'A' },
            templateKey: 'classic',
            signatories: [{ name: 'Dr. Meera Joshi', designation: 'Controller' }],
          });
        }
        const rows = await issueCertificates(db, org!.id, inputs);
        ids.push(...rows.map((r) => r.id));
      }
      console.log(`issued ${ids.length} certificates in ${(performance.now() - t0).toFixed(0)} ms`);

      const sessionId = await startSession(db, {
        userId: citizen!.id,
        method: 'bench',
        ip: '127.0.0.1',
      });
      const jwt = await encode({
        token: { sub: citizen!.id, sid: sessionId },
        secret: secrets.authSecret,
      });
      const cookie = `next-auth.session-token=${jwt}`;
      const headers = { cookie };

      // The issued-documents page, first and a middle page, one request at a time.
      const pageTimes: Record<string, number[]> = {};
      for (const path of ['/locker', '/locker?page=25']) {
        for (let i = 0; i < 10; i++) await timed(() => fetch(`${base}${path}`, { headers }));
        const times: number[] = [];
        for (let i = 0; i < PAGE_REQUESTS; i++) {
          const r = await timed(() => fetch(`${base}${path}`, { headers, redirect: 'manual' }));
          if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
          times.push(r.ms);
        }
        pageTimes[path] = times.sort((a, b) => a - b);
      }

      // Five 10 MB uploads at once, three rounds; the web process's memory sampled meanwhile.
      const webPid = findWebPid(app.pid!);
      const body = bigPdf(UPLOAD_BYTES);
      // One upload first: the route's code loads and warms up outside the measured rounds.
      const warm = await fetch(`${base}/api/locker/files`, {
        method: 'POST',
        headers: {
          cookie,
          origin: base,
          'content-type': 'application/pdf',
          'x-file-name': 'warm-up.pdf',
        },
        body: new Uint8Array(body),
      });
      if (warm.status !== 201) throw new Error(`upload answered ${warm.status}`);
      const rounds: { before: number; peak: number; times: number[] }[] = [];
      for (let round = 0; round < 3; round++) {
        const before = rssMb(webPid);
        let peak = before;
        const sampler = setInterval(() => {
          peak = Math.max(peak, rssMb(webPid));
        }, 10);
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            timed(() =>
              fetch(`${base}/api/locker/files`, {
                method: 'POST',
                headers: {
                  cookie,
                  origin: base,
                  'content-type': 'application/pdf',
                  'x-file-name': encodeURIComponent(`bench-${round}-${i}.pdf`),
                },
                body: new Uint8Array(body),
              }),
            ),
          ),
        );
        clearInterval(sampler);
        peak = Math.max(peak, rssMb(webPid));
        for (const r of results)
          if (r.status !== 201) throw new Error(`upload answered ${r.status}`);
        rounds.push({ before, peak, times: results.map((r) => r.ms) });
      }
      const growth = Math.max(...rounds.map((r) => r.peak - r.before));
      const slowest = Math.max(...rounds.flatMap((r) => r.times));

      // A share link opened by 20 connections for SHARE_SECONDS.
      const link = await createShareLink(
        db,
        { actorUserId: citizen!.id },
        { target: `certificate:${ids[0]}`, hours: 24, purpose: 'bench' },
      );
      const sharePath = `/s/${link.token}`;
      for (let i = 0; i < 20; i++) await timed(() => fetch(`${base}${sharePath}`));
      const shareTimes: number[] = [];
      let shareFailures = 0;
      const until = performance.now() + SHARE_SECONDS * 1000;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (performance.now() < until) {
            const r = await timed(() => fetch(`${base}${sharePath}`));
            if (r.status !== 200) shareFailures++;
            shareTimes.push(r.ms);
          }
        }),
      );
      shareTimes.sort((a, b) => a - b);
      await sql.end();

      const ms = (v: number) => `${v.toFixed(0)} ms`;
      const first = pageTimes['/locker']!;
      const middle = pageTimes['/locker?page=25']!;
      const shareP95 = percentile(shareTimes, 95);
      writeSection('bench:locker', "The citizen's locker (`npm run bench:locker`)", [
        `Sanad as \`npm start\` runs it on PostgreSQL 15 at 127.0.0.1:5432; a citizen holding ${HELD.toLocaleString('en-IN')} certificates, signed in. The client runs on the same 2 cores.`,
        '',
        '| measure | result | target | |',
        '| --- | --- | --- | --- |',
        `| issued-documents page 1, one request at a time (${PAGE_REQUESTS}), p50 / p95 | ${ms(percentile(first, 50))} / ${ms(percentile(first, 95))} | p95 ≤ 200 ms | ${verdict(percentile(first, 95) <= 200)} |`,
        `| issued-documents page 25, p50 / p95 | ${ms(percentile(middle, 50))} / ${ms(percentile(middle, 95))} | p95 ≤ 200 ms | ${verdict(percentile(middle, 95) <= 200)} |`,
        `| five 10 MB uploads at once (3 rounds): growth of the web process (RSS, peak − before) | ${growth.toFixed(1)} MB | ≤ 50 MB | ${verdict(growth <= 50)} |`,
        `| the same: the slowest upload of the 15, stored and answered | ${ms(slowest)} | ≤ 1,500 ms each | ${verdict(slowest <= 1500)} |`,
        `| opening a share link at 20 connections for ${SHARE_SECONDS} s, p50 / p95 (${shareTimes.length} opens, ${shareFailures} not 200) | ${ms(percentile(shareTimes, 50))} / ${ms(shareP95)} | p95 ≤ 100 ms | ${verdict(shareP95 <= 100 && shareFailures === 0)} |`,
        '',
        `Upload rounds (RSS before → peak, MB; times ms): ${rounds.map((r) => `${r.before.toFixed(0)} → ${r.peak.toFixed(0)}; ${r.times.map((t) => t.toFixed(0)).join(', ')}`).join(' | ')}.`,
        'Every open of the share link goes through the access decision and writes an access-log row; the page is rendered live (a revoked certificate shows revoked at the next open).',
      ]);
    },
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
