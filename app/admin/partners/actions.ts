'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import type { AuditAction } from '@/lib/audit/actions';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { createPartner, revokePartner, setPartnerKeyhash } from '@/lib/partner-api/partners';
import {
  ZCreatePartnerInput,
  ZPartnerIdInput,
  ZSetPartnerKeyhashInput,
} from '@/lib/partner-api/schemas';

/** The audit entry of an admin's change to a partner, written after the change. */
async function auditPartner(
  actorUserId: string,
  action: AuditAction,
  id: string,
  detail: Record<string, string>,
) {
  await recordAudit(getDb(), {
    actorUserId,
    action,
    objectType: 'partner',
    objectId: id,
    detail,
    ...(await getRequestContext()),
  });
}

export async function createPartnerAction(
  input: unknown,
): Promise<ActionResult<{ apiKey: string; orgId: string }>> {
  return runAction('admin.partner.create', async () => {
    const { user } = await requirePermission('admin.partners.manage');
    const { name } = parseInput(ZCreatePartnerInput, input);
    const { id, orgId, apiKey } = await createPartner(getDb(), name);
    await auditPartner(user.id, 'partner.create', id, { name, orgId });
    revalidatePath('/admin/partners');
    return { apiKey, orgId };
  });
}

export async function revokePartnerAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.partner.revoke', async () => {
    const { user } = await requirePermission('admin.partners.manage');
    const { id } = parseInput(ZPartnerIdInput, input);
    const { name } = await revokePartner(getDb(), id);
    await auditPartner(user.id, 'partner.revoke', id, { name });
    revalidatePath('/admin/partners');
    return null;
  });
}

export async function setPartnerKeyhashAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.partner.keyhash', async () => {
    const { user } = await requirePermission('admin.partners.manage');
    const { id, allowed } = parseInput(ZSetPartnerKeyhashInput, input);
    const { name, changed } = await setPartnerKeyhash(getDb(), id, allowed);
    if (changed)
      await auditPartner(user.id, allowed ? 'partner.keyhash.allow' : 'partner.keyhash.stop', id, {
        name,
      });
    revalidatePath('/admin/partners');
    return null;
  });
}
