'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { createPartner, revokePartner } from '@/lib/partner-api/partners';

export async function createPartnerAction(
  input: unknown,
): Promise<ActionResult<{ apiKey: string }>> {
  return runAction('admin.partner.create', async () => {
    const { user } = await requirePermission('admin.partners.manage');
    const { name } = parseInput(
      z.object({ name: z.string().trim().min(2, 'name').max(100, 'name') }),
      input,
    );
    const { id, apiKey } = await createPartner(getDb(), name);
    await recordAudit(getDb(), {
      actorUserId: user.id,
      action: 'partner.create',
      objectType: 'partner',
      objectId: id,
      detail: { name },
      ...(await getRequestContext()),
    });
    revalidatePath('/admin/partners');
    return { apiKey };
  });
}

export async function revokePartnerAction(id: unknown): Promise<ActionResult> {
  return runAction('admin.partner.revoke', async () => {
    const { user } = await requirePermission('admin.partners.manage');
    const partnerId = parseInput(z.uuid(), id);
    await revokePartner(getDb(), partnerId);
    await recordAudit(getDb(), {
      actorUserId: user.id,
      action: 'partner.revoke',
      objectType: 'partner',
      objectId: partnerId,
      ...(await getRequestContext()),
    });
    revalidatePath('/admin/partners');
    return null;
  });
}
