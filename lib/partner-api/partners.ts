import 'server-only';
import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { partners } from '@/db/schema';
import { seal } from '@/lib/crypto/secret-box';
import { InvalidError, NotFoundError } from '@/lib/errors';

/** Creates a partner and returns its API key: shown once, kept sealed. */
export async function createPartner(
  db: DbOrTx,
  name: string,
): Promise<{ id: string; apiKey: string }> {
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 100)
    throw new InvalidError('A partner name has 2 to 100 characters', { name: 'name' });
  const apiKey = randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(partners)
    .values({ name: clean, apiKeySealed: seal(apiKey), keyHint: apiKey.slice(-4) })
    .returning({ id: partners.id });
  return { id: row!.id, apiKey };
}

export async function listPartners(db: DbOrTx) {
  return db
    .select({
      id: partners.id,
      name: partners.name,
      keyHint: partners.keyHint,
      status: partners.status,
      createdAt: partners.createdAt,
    })
    .from(partners)
    .orderBy(desc(partners.createdAt));
}

export async function revokePartner(db: DbOrTx, id: string): Promise<void> {
  const done = await db
    .update(partners)
    .set({ status: 'revoked', revokedAt: sql`now()` })
    .where(eq(partners.id, id))
    .returning({ id: partners.id });
  if (done.length === 0) throw new NotFoundError('No such partner');
}
