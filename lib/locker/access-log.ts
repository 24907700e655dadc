import 'server-only';
import { and, count, desc, eq, ne, or, isNull } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { accessLog, organisations, partners } from '@/db/schema';

// The citizen's view of the access log: every read of their documents by anyone else (issuer
// staff, a share link, a partner pull, a verifier), newest first. Their own reads only on request.

export const ACCESS_PAGE_SIZE = 25;

export type AccessLogRow = {
  id: string;
  at: Date;
  actorKind: (typeof accessLog.$inferSelect)['actorKind'];
  /** The organisation or partner that read, where there is one. */
  actorName: string | null;
  documentLabel: string;
  certificateId: string | null;
  fileId: string | null;
  shareLinkId: string | null;
  action: string;
  purpose: string | null;
  outcome: 'allowed' | 'refused';
};

/** One page of the log of `ownerUserId`'s documents (only theirs: the owner is required). */
export async function listAccessLog(
  db: DbOrTx,
  {
    ownerUserId,
    includeOwn = false,
    page = 1,
    pageSize = ACCESS_PAGE_SIZE,
  }: { ownerUserId: string; includeOwn?: boolean; page?: number; pageSize?: number },
): Promise<{ rows: AccessLogRow[]; total: number }> {
  const scope = and(
    eq(accessLog.ownerUserId, ownerUserId),
    includeOwn
      ? undefined
      : or(isNull(accessLog.actorUserId), ne(accessLog.actorUserId, ownerUserId)),
  );
  const [rows, [all]] = await Promise.all([
    db
      .select({
        id: accessLog.id,
        at: accessLog.at,
        actorKind: accessLog.actorKind,
        orgName: organisations.name,
        partnerName: partners.name,
        documentLabel: accessLog.documentLabel,
        certificateId: accessLog.certificateId,
        fileId: accessLog.fileId,
        shareLinkId: accessLog.shareLinkId,
        action: accessLog.action,
        purpose: accessLog.purpose,
        outcome: accessLog.outcome,
      })
      .from(accessLog)
      .leftJoin(organisations, eq(organisations.id, accessLog.actorOrgId))
      .leftJoin(partners, eq(partners.id, accessLog.partnerId))
      .where(scope)
      .orderBy(desc(accessLog.at), desc(accessLog.id))
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize),
    db.select({ n: count() }).from(accessLog).where(scope),
  ]);
  return {
    total: all?.n ?? 0,
    rows: rows.map(({ orgName, partnerName, ...r }) => ({
      ...r,
      actorName: partnerName ?? orgName ?? null,
    })),
  };
}
