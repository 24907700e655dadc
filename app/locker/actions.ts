'use server';

import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { ZProfileInput } from '@/lib/identity/schemas';
import { updateOwnProfile } from '@/lib/identity/users';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';
import {
  confirmAadhaarLink,
  removeAadhaarLink,
  requestAadhaarLink,
} from '@/lib/locker/aadhaar-link';
import { claimByNumber } from '@/lib/locker/claim';
import type { TAadhaarLinkConfirm, TAadhaarLinkRequest, TClaimInput } from '@/lib/locker/schemas';

// The citizen's own locker: every action is scoped to the session's user, never to an id from
// the form; the input is parsed again in lib/locker.

async function citizen() {
  const { user } = await requirePermission('locker.view');
  return { user, ctx: { userId: user.id, ...(await getRequestContext()) } };
}

export async function saveProfileAction(input: unknown): Promise<ActionResult> {
  return runAction('locker.save-profile', async () => {
    const { user } = await citizen();
    await updateOwnProfile(user.id, parseInput(ZProfileInput, input));
    revalidatePath('/locker');
    return null;
  });
}

export async function claimAction(
  input: TClaimInput,
): Promise<ActionResult<{ moved: number; certificateId: string }>> {
  return runAction('locker.claim', async () => {
    const { ctx } = await citizen();
    const result = await claimByNumber(getDb(), ctx, input);
    revalidatePath('/locker');
    return result;
  });
}

export async function requestAadhaarLinkAction(input: TAadhaarLinkRequest): Promise<ActionResult> {
  return runAction('locker.aadhaar-request', async () => {
    const { ctx } = await citizen();
    const { messageId } = await requestAadhaarLink(
      getDb(),
      { ...ctx, locale: await getLocale() },
      input,
    );
    await enqueueSoon(deliverOutboxMessage, { messageId });
    return null;
  });
}

export async function confirmAadhaarLinkAction(input: TAadhaarLinkConfirm): Promise<ActionResult> {
  return runAction('locker.aadhaar-confirm', async () => {
    const { ctx } = await citizen();
    await confirmAadhaarLink(getDb(), ctx, input);
    revalidatePath('/locker');
    revalidatePath('/locker/profile');
    return null;
  });
}

export async function removeAadhaarLinkAction(): Promise<ActionResult> {
  return runAction('locker.aadhaar-remove', async () => {
    const { ctx } = await citizen();
    await removeAadhaarLink(getDb(), ctx);
    revalidatePath('/locker/profile');
    return null;
  });
}
