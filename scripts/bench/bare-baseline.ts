// The baseline of `npm run bench:verify`: a separate, minimal Next.js app (scripts/bench/bare-app)
// whose one page does an indexed lookup in a 100,000-row table and renders six fields. It is built
// and served with the project's own `next` (`next build` / `next start`), so the comparison shows
// what Sanad's pages cost beyond what any Next.js app pays.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import postgres from 'postgres';
import { waitHealthy } from './results';

const SOURCE = path.join('scripts', 'bench', 'bare-app');
// Built outside the source tree: `next build` writes .next, tsconfig.json and next-env.d.ts into
// the app's directory, which the project's own tools must not pick up.
const BUILD_DIR = path.join('.data', 'bench-bare-app');
const NEXT_BIN = createRequire(import.meta.url).resolve('next/dist/bin/next');

export const BARE_ROWS = 100_000;

/** Creates and fills the baseline's table in `url`; returns `count` of its codes, spread out. */
export async function seedBareTable(url: string, count: number): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`create table bench_bare (
      id bigint primary key, code text not null, name text not null, title text not null,
      issuer text not null, issue_date date not null, status text not null)`;
    await sql`insert into bench_bare
      select i, upper(substr(md5(i::text), 1, 12)), 'Holder ' || i, 'Skill Certificate',
             'Demo Skills Institute, Pune', date '2026-01-01' + (i % 300), 'valid'
      from generate_series(1, ${BARE_ROWS}) i`;
    await sql`create unique index bench_bare_code on bench_bare (code)`;
    await sql`analyze bench_bare`;
    const step = Math.floor(BARE_ROWS / count);
    const rows = await sql<{ code: string }[]>`
      select code from bench_bare where id % ${step} = 0 order by id limit ${count}`;
    return rows.map((r) => r.code);
  } finally {
    await sql.end();
  }
}

/** Builds the bare app with the project's `next` (about 20 s). */
export function buildBareApp(): void {
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  fs.cpSync(SOURCE, BUILD_DIR, { recursive: true });
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build', BUILD_DIR], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('building the bare baseline app failed');
}

/** `next start` of the bare app against `url`; resolves once it answers `code`'s page. */
export async function startBareApp(url: string, port: number, code: string): Promise<ChildProcess> {
  const app = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), BUILD_DIR], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url },
  });
  await waitHealthy(`http://127.0.0.1:${port}`, `/c/${code}`);
  return app;
}

export async function stopBareApp(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise((r) => app.once('exit', r));
  app.kill('SIGTERM');
  await exited;
}
