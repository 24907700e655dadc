'use server';

import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { endOwnSession, signOutEverywhere } from '@/lib/auth/account';
import { requireUser } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import {
  confirmIdentifierLink,
  removeSignInEmail,
  requestIdentifierLink,
} from '@/lib/identity/link-identifier';
import { ZLinkIdentifierConfirm, ZLinkIdentifierRequest } from '@/lib/identity/schemas';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';

// The signed-in person's own account: every action is scoped to the session's user, never to
// an id from the form.

async function context() {
  const user = await requireUser();
  return {
    user,
    ctx: { userId: user.id, sessionId: user.sessionId, ...(await getRequestContext()) },
  };
}

export async function requestLinkCodeAction(input: unknown): Promise<ActionResult> {
  return runAction('account.request-link-code', async () => {
    const { ctx } = await context();
    const { identifier } = parseInput(ZLinkIdentifierRequest, input);
    const { messageId } = await requestIdentifierLink(
      getDb(),
      { ...ctx, locale: await getLocale() },
      identifier,
    );
    await enqueueSoon(deliverOutboxMessage, { messageId });
    return null;
  });
}

export async function confirmLinkAction(input: unknown): Promise<ActionResult> {
  return runAction('account.confirm-link', async () => {
    const { ctx } = await context();
    await confirmIdentifierLink(getDb(), ctx, parseInput(ZLinkIdentifierConfirm, input));
    revalidatePath('/account');
    return null;
  });
}

export async function removeEmailAction(): Promise<ActionResult> {
  return runAction('account.remove-email', async () => {
    const { ctx } = await context();
    await removeSignInEmail(getDb(), ctx);
    revalidatePath('/account');
    return null;
  });
}

export async function endSessionAction(sessionId: unknown): Promise<ActionResult> {
  return runAction('account.end-session', async () => {
    const { ctx } = await context();
    await endOwnSession(getDb(), ctx, parseInput(z.uuid(), sessionId));
    revalidatePath('/account');
    return null;
  });
}

export async function signOutEverywhereAction(): Promise<ActionResult> {
  return runAction('account.sign-out-everywhere', async () => {
    const { ctx } = await context();
    await signOutEverywhere(getDb(), ctx);
    return null;
  });
}
