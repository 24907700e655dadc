import { auditLog } from '@/db/schema';
import type { DbOrTx } from '@/db/client';
import type { AuditAction } from './actions';

export type AuditEntry = {
  actorUserId: string | null;
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  ip?: string | null;
  userAgent?: string | null;
  detail?: Record<string, unknown>;
};

/** The one way privileged actions are written to the audit log. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'ok',
    ip: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 300) ?? null,
    detail: entry.detail ?? null,
  });
}
