// `npm run worker`: the job workers alone (scale them separately from app servers).
// Under `npm start` this runs as a child of the supervisor and exits when it goes away.
import { createDb } from '../db/client';
import { startWorkers } from '../lib/jobs/worker';
import { failPlainly, prepareEnvironment } from './lib';

async function main() {
  // Under `npm start` the supervisor has prepared everything; alone, do it here.
  const standalone = !process.send;
  const env = standalone ? await prepareEnvironment() : null;
  const url = process.env.DATABASE_URL!;
  const { db, sql } = createDb(url, 5);
  const workers = await startWorkers({ databaseUrl: url, db });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await workers.stop();
    await sql.end({ timeout: 5 });
    await env?.embedded?.stop();
    env?.releaseLock();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('disconnect', () => void stop());
}

main().catch(failPlainly);
