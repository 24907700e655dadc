import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';

// kill -9 of the start command, then the start command again: up, every
// row still there. Runs its own instance (own data directory and ports) of `npm start`.
const DATA_DIR = path.resolve('.data', 'e2e-restart');
const PORT = 3190;
const PG_PORT = 54333;

function start(): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      SANAD_DATA_DIR: DATA_DIR,
      EMBEDDED_PG_PORT: String(PG_PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return { child, output: () => out };
}

async function waitHealthy(output: () => string): Promise<void> {
  const end = Date.now() + 240_000;
  while (Date.now() < end) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not come up:\n${output()}`);
}

/** The start command runs as `npm` → `tsx` → node; kill -9 the whole supervisor chain. */
function supervisorPid(): number {
  return Number(fs.readFileSync(path.join(DATA_DIR, 'start.pid'), 'utf8'));
}

function dbUrl(): string {
  const secrets = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'secrets.json'), 'utf8')) as {
    pgPassword: string;
  };
  return `postgres://postgres:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${PG_PORT}/sanad`;
}

test.describe.configure({ timeout: 600_000 });

test('embedded database: 2,000 concurrent rows survive kill -9 of the start command', async () => {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  const first = start();
  await waitHealthy(first.output);
  // The demo data is there and the app answers from the embedded database.
  expect(first.output()).toContain('Demo sign-ins');

  const sql = postgres(dbUrl(), { max: 20, onnotice: () => {} });
  await sql`create table restart_probe (id int primary key, note text not null)`;
  await Promise.all(
    Array.from({ length: 20 }, (_, w) =>
      sql.reserve().then(async (conn) => {
        for (let i = 0; i < 100; i++)
          await conn`insert into restart_probe values (${w * 100 + i}, ${'नमस्ते'})`;
        conn.release();
      }),
    ),
  );
  expect((await sql`select count(*)::int as n from restart_probe`)[0]!.n).toBe(2000);
  await sql.end();

  process.kill(supervisorPid(), 'SIGKILL');
  first.child.kill('SIGKILL');
  // The web server goes away with its supervisor (it exits when the IPC channel closes).
  const gone = Date.now() + 20_000;
  while (Date.now() < gone) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/api/health`);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const second = start();
  await waitHealthy(second.output);
  expect(second.output()).toContain('left running by an earlier start');
  const again = postgres(dbUrl(), { max: 2, onnotice: () => {} });
  expect((await again`select count(*)::int as n from restart_probe`)[0]!.n).toBe(2000);
  expect((await again`select count(*)::int as n from users`)[0]!.n).toBeGreaterThan(0);
  await again.end();

  // Ctrl-C / SIGTERM stops everything cleanly, database included.
  const exited = new Promise<number | null>((resolve) =>
    second.child.once('exit', (code) => resolve(code)),
  );
  process.kill(supervisorPid(), 'SIGTERM');
  expect(await exited).toBe(0);
  expect(second.output()).toContain('[sanad] stopped');
  expect(fs.existsSync(path.join(DATA_DIR, 'pg', 'postmaster.pid'))).toBe(false);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});
