'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import {
  addRegistryEntry,
  approveApplication,
  declineRegistryEntry,
  listRequestedEntry,
  rejectApplication,
} from '@/lib/institutions';
import {
  ZAddRegistryEntryInput,
  ZApproveApplicationInput,
  ZDeclineRegistryEntryInput,
  ZListRequestedEntryInput,
  ZRejectApplicationInput,
} from '@/lib/institutions/schemas';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';

// Platform admin: decide applications and keep the list of approved institutions.

async function admin() {
  const { user } = await requirePermission('admin.organisations.approve');
  return { actorUserId: user.id, ...(await getRequestContext()) };
}

async function done(messageIds: string[] = []) {
  await Promise.all(
    messageIds.map((messageId) => enqueueSoon(deliverOutboxMessage, { messageId })),
  );
  revalidatePath('/admin/institutions');
  revalidatePath('/admin');
  return null;
}

export async function approveApplicationAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.institution.approve', async () => {
    const ctx = await admin();
    const v = parseInput(ZApproveApplicationInput, input);
    return done((await approveApplication(getDb(), ctx, v)).messageIds);
  });
}

export async function rejectApplicationAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.institution.reject', async () => {
    const ctx = await admin();
    const v = parseInput(ZRejectApplicationInput, input);
    return done((await rejectApplication(getDb(), ctx, v)).messageIds);
  });
}

export async function addRegistryEntryAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.registry.add', async () => {
    const ctx = await admin();
    await addRegistryEntry(getDb(), ctx, parseInput(ZAddRegistryEntryInput, input));
    return done();
  });
}

export async function listRequestedEntryAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.registry.list', async () => {
    const ctx = await admin();
    const v = parseInput(ZListRequestedEntryInput, input);
    return done((await listRequestedEntry(getDb(), ctx, v)).messageIds);
  });
}

export async function declineRegistryEntryAction(input: unknown): Promise<ActionResult> {
  return runAction('admin.registry.decline', async () => {
    const ctx = await admin();
    const v = parseInput(ZDeclineRegistryEntryInput, input);
    return done((await declineRegistryEntry(getDb(), ctx, v)).messageIds);
  });
}
