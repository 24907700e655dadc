import type PgBoss from 'pg-boss';
import type { Db } from '@/db/client';
import { createBoss } from './boss';
import { JOBS } from './definitions';

/** Starts pg-boss workers for every job definition. Returns a function that stops them. */
export async function startWorkers(opts: {
  databaseUrl: string;
  db: Db;
  log?: (m: string) => void;
}): Promise<{
  boss: PgBoss;
  stop: () => Promise<void>;
}> {
  const log = opts.log ?? ((m: string) => console.log(`[worker] ${m}`));
  const boss = createBoss(opts.databaseUrl, { worker: true });
  await boss.start();
  for (const job of JOBS) {
    await boss.createQueue(job.name, { name: job.name, retryLimit: job.retryLimit ?? 3 });
    const handle = async (jobs: { data: unknown }[]) => {
      for (const j of jobs) {
        const payload = job.schema.parse(j.data);
        // Each definition's handler validates its own payload type.
        await (job.handler as (p: unknown, c: { db: Db; log: typeof log }) => Promise<void>)(
          payload,
          {
            db: opts.db,
            log,
          },
        );
      }
    };
    // pg-boss runs a worker's fetched jobs one after another: a kind with several slots gets a
    // worker per slot, each taking one job at a time, so a long job holds one slot only.
    const slots = job.slots?.() ?? 1;
    for (let i = 0; i < slots; i++)
      await boss.work(
        job.name,
        { batchSize: slots > 1 ? 1 : 5, pollingIntervalSeconds: 0.5 },
        handle,
      );
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { retryLimit: 0 });
  }
  log(`listening for ${JOBS.map((j) => j.name).join(', ')}`);
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
