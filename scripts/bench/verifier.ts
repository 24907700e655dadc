// `npm run bench:verifier` against the app as `npm start` runs it, on real PostgreSQL
// (127.0.0.1:5432 or BENCH_DATABASE_URL): 10,000 verification codes in one bulk status request
// (target ≤ 1 s), with the app holding 10,000 issued certificates.
import { eq } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { organisations } from '../../db/schema';
import { issueCertificates, type CertificateInput } from '../../lib/credentials/issue';
import { percentile, verdict, withBenchApp, writeSection } from './results';

const PORT = Number(process.env.BENCH_PORT || 3316);
const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CODES = 10_000;
const RUNS = Number(process.env.BENCH_RUNS || 10);

async function main() {
  await withBenchApp(
    { name: 'verifier', port: PORT, adminUrl: ADMIN_URL },
    async ({ url, base, secrets }) => {
      process.env.SANAD_MASTER_KEY = secrets.masterKey;
      const { db, sql } = createDb(url, 4);
      const [org] = await db
        .select()
        .from(organisations)
        .where(eq(organisations.code, 'in.sanad.demoskills'));
      const codes: string[] = [];
      for (let from = 0; from < CODES; from += 500) {
        const inputs: CertificateInput[] = Array.from({ length: 500 }, (_, i) => ({
          docType: 'SKCER',
          number: `BENCH-STATUS-${String(from + i).padStart(6, '0')}`,
          title: 'Skill Certificate',
          recipient: { name: 'Bench Holder', dob: '2000-01-01', gender: 'F' },
          issueDate: '2026-11-20',
          data: { kind: 'skill', award: 'Assistant Electrician', grade: 'A' },
          templateKey: 'classic',
          signatories: [{ name: 'Dr. Meera Joshi', designation: 'Controller' }],
        }));
        const rows = await issueCertificates(db, org!.id, inputs);
        codes.push(...rows.map((r) => r.verificationCode));
      }
      await sql.end();
      const body = JSON.stringify({ codes });
      const times: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/api/v1/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const answer = (await res.json()) as { count: number; results: { status: string }[] };
        const ms = performance.now() - t;
        if (res.status !== 200 || answer.count !== CODES)
          throw new Error(`status check answered ${res.status}`);
        if (answer.results.some((r) => r.status !== 'valid')) throw new Error('a code not valid');
        if (i >= 2) times.push(ms); // the first two warm the route
      }
      times.sort((a, b) => a - b);
      const worst = times.at(-1)!;
      writeSection('bench:verifier', 'Verifiers (`npm run bench:verifier`)', [
        `Sanad as \`npm start\` runs it on PostgreSQL 15 at 127.0.0.1:5432, holding ${CODES.toLocaleString('en-IN')} issued certificates; the client on the same 2 cores.`,
        '',
        '| measure | result | target | |',
        '| --- | --- | --- | --- |',
        `| bulk status check, ${CODES.toLocaleString('en-IN')} codes in one request (${RUNS} runs), median / slowest | ${percentile(times, 50).toFixed(0)} ms / ${worst.toFixed(0)} ms | ≤ 1 s | ${verdict(worst <= 1000)} |`,
        '',
        'The consented document fetch and the token endpoint are measured once the OAuth flow exists.',
      ]);
    },
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
