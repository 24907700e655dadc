'use server';

import { revalidatePath } from 'next/cache';
import { getLocale } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { ZEsignCodeRequest, ZEsignConfirm } from '@/lib/esign/schemas';
import { requestEsignCode, signUploadedFile, type EsignCtx } from '@/lib/esign/sign-document';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';

async function context(): Promise<EsignCtx> {
  const { user } = await requirePermission('locker.view');
  return {
    userId: user.id,
    memberships: user.memberships,
    ...(await getRequestContext()),
    locale: await getLocale(),
  };
}

export async function requestEsignCodeAction(input: unknown): Promise<ActionResult> {
  return runAction('esign.request-code', async () => {
    const ctx = await context();
    const { messageId } = await requestEsignCode(
      getDb(),
      ctx,
      parseInput(ZEsignCodeRequest, input),
    );
    await enqueueSoon(deliverOutboxMessage, { messageId });
    return null;
  });
}

export async function signFileAction(input: unknown): Promise<ActionResult> {
  return runAction('esign.sign', async () => {
    const ctx = await context();
    const parsed = parseInput(ZEsignConfirm, input);
    await signUploadedFile(getDb(), ctx, parsed);
    revalidatePath(`/locker/uploads/${parsed.fileId}/sign`);
    return null;
  });
}
