import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/** Liveness: the process answers and the database is reachable. */
export async function checkHealth(): Promise<{ ok: boolean }> {
  try {
    await getDb().execute(sql`select 1`);
    return { ok: true };
  } catch {
    return { ok: false };
  }
}
