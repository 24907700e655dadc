// `npm run db:migrate`: applies db/migrations to DATABASE_URL (or the embedded database).
import { runMigrations } from '../db/migrate';
import { failPlainly, prepareEnvironment, say } from './lib';

async function main() {
  const { embedded, releaseLock } = await prepareEnvironment();
  await runMigrations(process.env.DATABASE_URL!);
  say('migrations applied');
  await embedded?.stop();
  releaseLock();
}
main().catch(failPlainly);
