import 'server-only';
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { likePattern } from '@/db/like';
import { auditLog, users } from '@/db/schema';
import type { AuditFilter } from './filter';

export const AUDIT_PAGE_SIZE = 50;

const objectUser = alias(users, 'object_user');

function personMatch(q: string): SQL | undefined {
  const pattern = likePattern(q);
  const digits = q.replace(/[\s()+-]/g, '');
  return or(
    ilike(users.name, pattern),
    ilike(users.email, pattern),
    /^\d+$/.test(digits) ? ilike(users.mobile, likePattern(digits.slice(-10))) : undefined,
  );
}

function conditions(db: Db, filter: AuditFilter, timeZone: string): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (filter.person) {
    const match = personMatch(filter.person);
    where.push(
      or(
        inArray(auditLog.actorUserId, db.select({ id: users.id }).from(users).where(match)),
        and(
          eq(auditLog.objectType, 'user'),
          inArray(
            auditLog.objectId,
            db
              .select({ id: sql<string>`${users.id}::text` })
              .from(users)
              .where(match),
          ),
        ),
      ),
    );
  }
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  // The days are the reader's: midnight in their zone, not the server's.
  if (filter.from)
    where.push(sql`${auditLog.at} >= (${filter.from}::date::timestamp at time zone ${timeZone})`);
  if (filter.to)
    where.push(
      sql`${auditLog.at} < ((${filter.to}::date + 1)::timestamp at time zone ${timeZone})`,
    );
  return and(...where);
}

/**
 * The platform admin's audit log, newest first, a page at a time: who (with the person an entry
 * concerns, when it is a person), what, the outcome, from where and when.
 */
export async function listAuditEntries(db: Db, params: { filter: AuditFilter; timeZone: string }) {
  const where = conditions(db, params.filter, params.timeZone);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(auditLog)
    .where(where);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(params.filter.page, pages);
  const entries = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      objectType: auditLog.objectType,
      objectId: auditLog.objectId,
      outcome: auditLog.outcome,
      ip: auditLog.ip,
      actorName: users.name,
      actorMobile: users.mobile,
      actorEmail: users.email,
      objectName: objectUser.name,
      objectMobile: objectUser.mobile,
    })
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorUserId, users.id))
    .leftJoin(
      objectUser,
      and(eq(auditLog.objectType, 'user'), sql`${objectUser.id}::text = ${auditLog.objectId}`),
    )
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  return { entries, total, page, pages };
}
