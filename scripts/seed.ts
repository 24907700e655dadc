// `npm run db:seed`: demo organisations and people (only on an empty database).
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedDemo } from '../lib/demo/seed-demo';
import { failPlainly, prepareEnvironment, say } from './lib';

async function main() {
  const { embedded, releaseLock } = await prepareEnvironment();
  await runMigrations(process.env.DATABASE_URL!);
  const { db, sql } = createDb(process.env.DATABASE_URL!, 2);
  const { seeded, signIns } = await seedDemo(db);
  say(seeded ? 'demo data created' : 'the database already has users; nothing seeded');
  for (const s of signIns) say(`  ${s.mobile}  ${s.who}`);
  await sql.end();
  await embedded?.stop();
  releaseLock();
}
main().catch(failPlainly);
