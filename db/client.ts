import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: queries accept either. */
export type DbOrTx = Db | Tx;

export function createDb(url: string, max = 10): { db: Db; sql: postgres.Sql } {
  const sql = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'sanad' } });
  return { db: drizzle(sql, { schema }), sql };
}

// One pool per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { __sanadDb?: { db: Db; sql: postgres.Sql } };

export function getDb(): Db {
  if (!globalForDb.__sanadDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.__sanadDb = createDb(url, Number(process.env.DATABASE_POOL_SIZE) || 10);
  }
  return globalForDb.__sanadDb.db;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__sanadDb;
  globalForDb.__sanadDb = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}
