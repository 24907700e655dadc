// Quick run without the web app: `node --import tsx --import ./scripts/hooks/register.mjs scripts/bench/records-quick.ts`
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import postgres from 'postgres';
import { createDb } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { organisations, users } from '../../db/schema';
import { ensureIssuerKeys } from '../../lib/credentials/keys';
import { generateAwardRows, sampleHeader } from '../../lib/records/sample';

const ROWS = Number(process.env.BENCH_ROWS || 100_000);
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `sanad_quick_${process.pid}`;
async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${DB_NAME}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${DB_NAME}`);
  process.env.SANAD_MASTER_KEY ||= Buffer.alloc(32, 7).toString('base64');
  process.env.NEXTAUTH_SECRET ||= 'x';
  process.env.STORAGE_DIR = '/tmp/sanad-quick-files';
  try {
    await runMigrations(url);
    const { db, sql } = createDb(url, 2);
    const [org] = await db
      .insert(organisations)
      .values({ kind: 'institution', name: 'Quick', code: 'in.sanad.quick', status: 'active' })
      .returning();
    await ensureIssuerKeys(db, org!.id);
    const [u] = await db.insert(users).values({ name: 'op', mobile: '9000000003' }).returning();
    await sql.end();
    const file = '/tmp/sanad-quick.csv';
    fs.writeFileSync(
      file,
      Papa.unparse([
        sampleHeader(),
        ...generateAwardRows({
          count: ROWS,
          seed: 42,
          certPrefix: 'B/',
          withMobile: 0.9,
          withAadhaar: 0.5,
        }),
      ]),
    );
    const child = fork('scripts/bench/records-work.ts', [file, org!.id, u!.id], {
      execArgv: [
        '--import',
        'tsx',
        '--import',
        './scripts/hooks/register.mjs',
        ...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      ],
      env: { ...process.env, DATABASE_URL: url },
    });
    await new Promise<void>((resolve) => {
      child.on('message', (m: { phase: string }) => {
        console.log(JSON.stringify(m));
      });
      child.on('exit', () => resolve());
    });
  } finally {
    if (process.env.KEEP) console.log(`kept ${DB_NAME}`);
    else await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
void path;
