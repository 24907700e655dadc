import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const FILE = path.join(process.cwd(), 'docs', 'benchmarks.md');
const HEADER = `# Benchmarks

Measured with the \`npm run bench:*\` scripts on this project's machine (2 cores, real
PostgreSQL). Each script rewrites its own section below; targets come from the issues. A target
that is not met is marked **missed**, not hidden.
`;

/** Replaces (or adds) the section between `<!-- name -->` markers in docs/benchmarks.md. */
export function writeSection(name: string, title: string, lines: string[]): void {
  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : HEADER;
  const stamp = `_Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}._`;
  const block = `<!-- ${name} -->\n## ${title}\n\n${stamp}\n\n${lines.join('\n')}\n<!-- /${name} -->`;
  const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);
  const next = re.test(current) ? current.replace(re, block) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, next);
  console.log(`\n${block}\n\n(written to docs/benchmarks.md)`);
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Waits (up to 5 minutes) until the app started by a benchmark answers `pathname` with 2xx. */
export async function waitHealthy(base: string, pathname = '/api/health'): Promise<void> {
  const end = Date.now() + 300_000;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}${pathname}`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not start');
}

export type BenchApp = {
  /** The app's own database (a fresh one, dropped afterwards). */
  url: string;
  base: string;
  dataDir: string;
  /** The environment the app runs with (for a worker-like process beside it). */
  env: NodeJS.ProcessEnv;
  /** The start command's process (its children are the web server and the worker). */
  process: ChildProcess;
  /** The local secrets the app generated under `dataDir`. */
  secrets: { masterKey: string; authSecret: string };
};

/**
 * Runs `work` against the app started as the README starts it (`scripts/start.ts`), on a fresh
 * database of the PostgreSQL at `adminUrl` and a fresh data directory; then stops the app and
 * drops the database, also when `work` fails.
 */
export async function withBenchApp<T>(
  opts: { name: string; port: number; adminUrl: string; env?: Record<string, string> },
  work: (app: BenchApp) => Promise<T>,
): Promise<T> {
  const dbName = `sanad_bench_${opts.name}_${process.pid}`;
  const dataDir = `.data/bench-${opts.name}`;
  const base = `http://127.0.0.1:${opts.port}`;
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = opts.adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    APP_ENV: 'local',
    PORT: String(opts.port),
    SANAD_DATA_DIR: dataDir,
    STORAGE_DIR: path.join(dataDir, 'files'),
    PUBLIC_BASE_URL: base,
    NEXT_TELEMETRY_DISABLED: '1',
    ...opts.env,
  };
  const app = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './scripts/hooks/register.mjs', 'scripts/start.ts'],
    { env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // A start that fails (a build error, say) ends the wait at once.
  const stopped = new Promise<never>((_, reject) =>
    app.once('exit', (code) => reject(new Error(`the app stopped (exit code ${code})`))),
  );
  stopped.catch(() => {});
  try {
    await Promise.race([waitHealthy(base), stopped]);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
    return await work({ url, base, dataDir, env, process: app, secrets });
  } finally {
    // An app that already stopped (its build failed, say) sends no second 'exit': waiting for
    // one left nothing to keep the script alive, so it ended without dropping the database.
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((r) => app.once('exit', r));
      app.kill('SIGTERM');
      await exited;
    }
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
