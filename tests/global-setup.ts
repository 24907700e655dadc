import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import type { EmbeddedDb } from '../db/embedded';
import { runMigrations } from '../db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * Integration tests run against real PostgreSQL: the server at 127.0.0.1:5432 (or
 * TEST_DATABASE_URL), each run in its own database created here and dropped afterwards. With
 * no reachable server, the same suite runs on the embedded database, and says so.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  let embedded: EmbeddedDb | null = null;
  if (!(await reachable(adminUrl))) {
    console.log(
      `[tests] no PostgreSQL reachable at ${adminUrl.replace(/:[^:@/]*@/, ':***@')}; running on the embedded database`,
    );
    // Loaded only here: the embedded server's module is not needed with a reachable server.
    const { startEmbeddedDb } = await import('../db/embedded');
    embedded = await startEmbeddedDb({
      dataDir: path.resolve(process.env.TEST_EMBEDDED_DATA_DIR || '.data/test-embedded'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT || 54338),
      password: 'sanad-test',
      log: (m) => console.log(`[tests] db: ${m}`),
    });
    adminUrl = embedded.url.replace(/\/sanad$/, '/postgres');
  }
  const name = `sanad_test_${Date.now()}_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  await runMigrations(url);
  console.log(`[tests] integration database ${name}${embedded ? ' (embedded)' : ''}`);
  project.provide('databaseUrl', url);

  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    await embedded?.stop();
  };
}
