import { randomInt } from 'node:crypto';
import { createDb } from '@/db/client';

/** A fresh pool on the run's database. */
export function testDb() {
  return createDb(process.env.DATABASE_URL!, 5);
}

/** A mobile number no other test uses. */
export function uniqueMobile(): string {
  return `7${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

export function uniqueIp(): string {
  return `10.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}
