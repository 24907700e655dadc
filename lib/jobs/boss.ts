import PgBoss from 'pg-boss';

const globalForBoss = globalThis as unknown as { __sanadBoss?: Promise<PgBoss> };

export function createBoss(connectionString: string, opts: { worker: boolean }): PgBoss {
  const boss = new PgBoss({
    connectionString,
    application_name: opts.worker ? 'sanad-worker' : 'sanad-app',
    max: opts.worker ? 5 : 2,
    // Maintenance and cron only run in workers; the app only sends.
    supervise: opts.worker,
    schedule: opts.worker,
  });
  boss.on('error', (error) => console.error('[jobs] pg-boss error:', error.message));
  return boss;
}

/** The per-process sender used by the app to enqueue jobs. */
export function getSenderBoss(): Promise<PgBoss> {
  if (!globalForBoss.__sanadBoss) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    const boss = createBoss(url, { worker: false });
    globalForBoss.__sanadBoss = boss.start().catch((error: unknown) => {
      globalForBoss.__sanadBoss = undefined;
      throw error;
    });
  }
  return globalForBoss.__sanadBoss;
}
