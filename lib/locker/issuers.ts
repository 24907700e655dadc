import 'server-only';
import { and, asc, count, desc, eq, ilike, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { certificates, institutionProfiles, organisations } from '@/db/schema';

// Seed 001: "My Issuers" (who issued documents to me, and how many) and the public directory of
// active issuers with their websites.

export type MyIssuer = { orgId: string; name: string; code: string; documents: number };

/** The issuers of the citizen's documents, most documents first. */
export async function listMyIssuers(
  db: DbOrTx,
  { userId }: { userId: string },
): Promise<MyIssuer[]> {
  const rows = await db
    .select({
      orgId: organisations.id,
      name: organisations.name,
      code: organisations.code,
      documents: count(certificates.id),
    })
    .from(certificates)
    .innerJoin(organisations, eq(organisations.id, certificates.issuerOrgId))
    .where(eq(certificates.lockerUserId, userId))
    .groupBy(organisations.id, organisations.name, organisations.code)
    .orderBy(desc(count(certificates.id)), asc(organisations.name));
  return rows;
}

export const DIRECTORY_PAGE_SIZE = 25;

export type DirectoryEntry = { id: string; name: string; code: string; website: string | null };

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A website as a link may use it: http(s) only; a bare host gets https. */
export function websiteHref(website: string | null): string | null {
  const w = website?.trim();
  if (!w) return null;
  const url = /^https?:\/\//i.test(w) ? w : `https://${w}`;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Every active issuing institution, by name, searchable by name or issuer code. */
export async function listDirectory(
  db: DbOrTx,
  {
    q = '',
    page = 1,
    pageSize = DIRECTORY_PAGE_SIZE,
  }: { q?: string; page?: number; pageSize?: number },
): Promise<{ rows: DirectoryEntry[]; total: number }> {
  const term = q.trim().slice(0, 100);
  const scope = and(
    eq(organisations.kind, 'institution'),
    eq(organisations.status, 'active'),
    term
      ? or(
          ilike(organisations.name, `%${escapeLike(term)}%`),
          ilike(organisations.code, `%${escapeLike(term)}%`),
        )
      : undefined,
  );
  const [rows, [all]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        code: organisations.code,
        website: institutionProfiles.website,
      })
      .from(organisations)
      .leftJoin(institutionProfiles, eq(institutionProfiles.orgId, organisations.id))
      .where(scope)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize),
    db.select({ n: count() }).from(organisations).where(scope),
  ]);
  return { rows, total: all?.n ?? 0 };
}

/** An organisation's name, for a page that names the issuer of a document. */
export async function issuerNameOf(db: DbOrTx, orgId: string): Promise<string> {
  const [o] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return o?.name ?? '';
}
