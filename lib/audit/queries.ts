import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { auditLog, users } from '@/db/schema';

export async function recentAuditEntries(limit = 100, db: Db = getDb()) {
  return db
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
    })
    .from(auditLog)
    .leftJoin(users, eq(auditLog.actorUserId, users.id))
    .orderBy(desc(auditLog.at))
    .limit(limit);
}
