import 'server-only';
import { and, asc, between, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { likePattern } from '@/db/like';
import { recordRows, recordUploads, users } from '@/db/schema';
import { NotFoundError } from '@/lib/errors';

// Reads of uploads and their rows. Every query takes the institution as a required scope, so an
// upload id from another institution is simply not found (STYLE.md 3).

export type UploadRow = typeof recordUploads.$inferSelect;

export async function listUploads(
  scope: { orgId: string; limit?: number },
  db: Db = getDb(),
): Promise<(UploadRow & { uploadedByName: string | null })[]> {
  const rows = await db
    .select({ upload: recordUploads, uploadedByName: users.name })
    .from(recordUploads)
    .leftJoin(users, eq(users.id, recordUploads.uploadedBy))
    .where(eq(recordUploads.orgId, scope.orgId))
    .orderBy(desc(recordUploads.createdAt))
    .limit(scope.limit ?? 100);
  return rows.map((r) => ({ ...r.upload, uploadedByName: r.uploadedByName }));
}

export async function getUpload(
  scope: { orgId: string; id: string },
  db: Db = getDb(),
): Promise<UploadRow> {
  if (!/^[0-9a-f-]{36}$/i.test(scope.id)) throw new NotFoundError('No such upload');
  const [u] = await db
    .select()
    .from(recordUploads)
    .where(and(eq(recordUploads.id, scope.id), eq(recordUploads.orgId, scope.orgId)));
  if (!u) throw new NotFoundError('No such upload');
  return u;
}

export const ROW_FILTERS = [
  'all',
  'rejected',
  'accepted',
  'new',
  'changed',
  'deleted',
  'unchanged',
] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];

export function toRowFilter(v: string | undefined): RowFilter {
  return (ROW_FILTERS as readonly string[]).includes(v ?? '') ? (v as RowFilter) : 'all';
}

export const ROWS_PER_PAGE = 50;

/** One page of an upload's rows, filtered by result and searched by number or name. */
export async function listUploadRows(
  scope: { orgId: string; uploadId: string },
  opts: { filter: RowFilter; q?: string; page?: number },
  db: Db = getDb(),
) {
  await getUpload({ orgId: scope.orgId, id: scope.uploadId }, db);
  const where: SQL[] = [eq(recordRows.uploadId, scope.uploadId)];
  if (opts.filter === 'rejected' || opts.filter === 'accepted')
    where.push(eq(recordRows.outcome, opts.filter));
  else if (opts.filter !== 'all') where.push(eq(recordRows.change, opts.filter));
  const q = opts.q?.trim();
  if (q) {
    const pattern = likePattern(q);
    where.push(or(ilike(recordRows.certNo, pattern), ilike(recordRows.recipientName, pattern))!);
  }
  const page = Math.max(1, opts.page ?? 1);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(recordRows)
      .where(and(...where))
      .orderBy(asc(recordRows.rowNo))
      .limit(ROWS_PER_PAGE)
      .offset((page - 1) * ROWS_PER_PAGE),
    db
      .select({ total: count() })
      .from(recordRows)
      .where(and(...where)),
  ]);
  const total = totals[0]?.total ?? 0;
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / ROWS_PER_PAGE)) };
}

/** The first accepted row that issues a certificate: used for the design sample. */
export async function firstIssuingRow(
  scope: { orgId: string; uploadId: string },
  db: Db = getDb(),
) {
  await getUpload({ orgId: scope.orgId, id: scope.uploadId }, db);
  const [row] = await db
    .select()
    .from(recordRows)
    .where(
      and(
        eq(recordRows.uploadId, scope.uploadId),
        eq(recordRows.outcome, 'accepted'),
        sql`${recordRows.change} in ('new', 'changed')`,
      ),
    )
    .orderBy(asc(recordRows.rowNo))
    .limit(1);
  return row ?? null;
}

/** The results of an upload's rows `from` to `to`, by row number (for the report CSV). */
export async function rowResultsBetween(
  uploadId: string,
  range: { from: number; to: number },
  db: Db = getDb(),
) {
  const rows = await db
    .select({ rowNo: recordRows.rowNo, outcome: recordRows.outcome, errors: recordRows.errors })
    .from(recordRows)
    .where(and(eq(recordRows.uploadId, uploadId), between(recordRows.rowNo, range.from, range.to)));
  return new Map(rows.map((r) => [r.rowNo, r]));
}
