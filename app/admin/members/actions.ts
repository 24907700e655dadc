'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { blockUser, unblockUser } from '@/lib/identity/block';
import { ZBlockUserInput, ZGrantRoleInput } from '@/lib/identity/schemas';
import { grantRole, revokeMembership } from '@/lib/identity/users';

export async function grantRoleAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.grant-role', async () => {
    const { user } = await requirePermission('admin.members.manage');
    const ctx = await getRequestContext();
    await grantRole(parseInput(ZGrantRoleInput, input), { actorUserId: user.id, ...ctx });
    revalidatePath('/admin/members');
    return null;
  });
}

export async function revokeMembershipAction(membershipId: unknown): Promise<ActionResult> {
  return runAction('admin.revoke-role', async () => {
    const { user } = await requirePermission('admin.members.manage');
    const ctx = await getRequestContext();
    await revokeMembership(parseInput(z.uuid(), membershipId), { actorUserId: user.id, ...ctx });
    revalidatePath('/admin/members');
    return null;
  });
}

export async function blockUserAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.block-user', async () => {
    const { user } = await requirePermission('admin.members.manage');
    const ctx = await getRequestContext();
    await blockUser(getDb(), { actorUserId: user.id, ...ctx }, parseInput(ZBlockUserInput, input));
    revalidatePath('/admin/members');
    return null;
  });
}

export async function unblockUserAction(userId: unknown): Promise<ActionResult> {
  return runAction('admin.unblock-user', async () => {
    const { user } = await requirePermission('admin.members.manage');
    const ctx = await getRequestContext();
    await unblockUser(getDb(), { actorUserId: user.id, ...ctx }, parseInput(z.uuid(), userId));
    revalidatePath('/admin/members');
    return null;
  });
}
