import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedDbError, startEmbeddedDb, type EmbeddedDb } from '../db/embedded';
import { loadOrCreateLocalSecrets } from '../lib/runtime/local-secrets';

export const dataDir = path.resolve(process.env.SANAD_DATA_DIR || '.data');

export function say(message: string): void {
  console.log(`[sanad] ${message}`);
}

/**
 * One set of processes per data directory: a second start (or db:seed, db:migrate, a standalone
 * worker) on the same embedded database would otherwise stop the running one's server.
 */
function acquireLock(): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const lock = path.join(dataDir, 'start.pid');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    let running = false;
    try {
      process.kill(pid, 0);
      running = /tsx|node/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      running = false;
    }
    if (running && pid !== process.pid) {
      throw new EmbeddedDbError(
        `Sanad is already running on the embedded database in ${dataDir} (pid ${pid}). Stop it first, or point this command at it with DATABASE_URL.`,
      );
    }
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => fs.rmSync(lock, { force: true });
}

/**
 * Puts every setting the processes need into process.env: DATABASE_URL (starting the embedded
 * server when none is given), secrets, APP_ENV. Children inherit it.
 */
export async function prepareEnvironment(): Promise<{
  embedded: EmbeddedDb | null;
  releaseLock: () => void;
}> {
  const usingEmbedded = !process.env.DATABASE_URL;
  process.env.APP_ENV ||= usingEmbedded ? 'local' : 'production';
  const production = process.env.APP_ENV === 'production';

  if (production) {
    const missing = ['NEXTAUTH_SECRET', 'SANAD_MASTER_KEY'].filter((k) => !process.env[k]);
    if (missing.length > 0) {
      throw new EmbeddedDbError(
        `APP_ENV=production needs ${missing.join(' and ')} in the environment (see README, Configuration).`,
      );
    }
  } else {
    const { secrets, created, file } = loadOrCreateLocalSecrets(dataDir);
    if (created)
      say(
        `generated local secrets in ${path.relative(process.cwd(), file)} (production takes them from the environment)`,
      );
    process.env.NEXTAUTH_SECRET ||= secrets.authSecret;
    process.env.SANAD_MASTER_KEY ||= secrets.masterKey;
    process.env.EMBEDDED_PG_PASSWORD ||= secrets.pgPassword;
  }

  const port = process.env.PORT || '3000';
  process.env.PORT = port;
  process.env.PUBLIC_BASE_URL ||= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ||= process.env.PUBLIC_BASE_URL;

  let embedded: EmbeddedDb | null = null;
  let releaseLock = () => {};
  if (usingEmbedded) {
    releaseLock = acquireLock();
    embedded = await startEmbeddedDb({
      dataDir,
      port: Number(process.env.EMBEDDED_PG_PORT || 54329),
      password: process.env.EMBEDDED_PG_PASSWORD!,
      log: (m) => say(`db: ${m}`),
    });
    process.env.DATABASE_URL = embedded.url;
  }
  return { embedded, releaseLock };
}

/** Prints an expected start-up failure as plain words and exits; anything else keeps its stack. */
export function failPlainly(error: unknown): never {
  if (error instanceof EmbeddedDbError) {
    console.error(`\n[sanad] ${error.message}\n`);
  } else {
    console.error('[sanad] start-up failed:', error);
  }
  process.exit(1);
}
