import fs from 'node:fs';
import path from 'node:path';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDb, untraversableAncestor, type EmbeddedDb } from './embedded';
import { runMigrations } from './migrate';

// The embedded default is a real PostgreSQL server: many connections, jobs.
const dataDir = path.resolve('.data', `test-embedded-${process.pid}`);
let server: EmbeddedDb;

beforeAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  server = await startEmbeddedDb({
    dataDir,
    port: 54000 + (process.pid % 900),
    password: 'embedded-test',
    log: () => {},
  });
  await runMigrations(server.url);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('keeps all 2,000 rows written concurrently over 20 connections', async () => {
    const sql = postgres(server.url, { max: 20, onnotice: () => {} });
    await sql`create table if not exists stress (id int primary key, worker int not null, note text not null)`;
    await Promise.all(
      Array.from({ length: 20 }, (_, w) =>
        sql.reserve().then(async (conn) => {
          for (let i = 0; i < 100; i++) {
            const id = w * 100 + i;
            await conn`insert into stress (id, worker, note) values (${id}, ${w}, ${`row ${id} नमस्ते`})`;
          }
          conn.release();
        }),
      ),
    );
    const [counts] = await sql<
      { n: number; workers: number }[]
    >`select count(*)::int as n, count(distinct worker)::int as workers from stress`;
    expect(counts).toEqual({ n: 2000, workers: 20 });
    const [row] = await sql`select note from stress where id = 1999`;
    expect(row!.note).toBe('row 1999 नमस्ते');
    await sql.end();
  });

  it('runs pg-boss jobs (LISTEN/NOTIFY, many connections)', async () => {
    const boss = new PgBoss({ connectionString: server.url, max: 4 });
    boss.on('error', () => {});
    await boss.start();
    await boss.createQueue('embedded.ping');
    const seen: unknown[] = [];
    await boss.work('embedded.ping', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      seen.push(job!.data);
    });
    await boss.send('embedded.ping', { hello: 'world' });
    const end = Date.now() + 20_000;
    while (seen.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    await boss.stop({ graceful: false, wait: true });
    expect(seen).toEqual([{ hello: 'world' }]);
  });
});

describe('running as root', () => {
  it.runIf(process.getuid?.() === 0)('names a directory the postgres user cannot enter', () => {
    const locked = path.resolve('.data', `locked-${process.pid}`);
    fs.mkdirSync(path.join(locked, 'inner'), { recursive: true });
    fs.chmodSync(locked, 0o700);
    try {
      expect(untraversableAncestor(path.join(locked, 'inner', 'pg'))).toBe(locked);
      expect(untraversableAncestor(path.resolve('.data', 'pg'))).toBeNull();
    } finally {
      fs.rmSync(locked, { recursive: true, force: true });
    }
  });
});
