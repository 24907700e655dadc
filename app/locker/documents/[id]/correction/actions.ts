'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import {
  requestCorrection,
  withdrawCorrection,
  ZCorrectionRequestInput,
  ZWithdrawCorrectionInput,
} from '@/lib/locker/corrections';

/** The holder asks the issuer to correct one of their documents. */
export async function requestCorrectionAction(input: unknown): Promise<ActionResult> {
  return runAction('locker.correction.request', async () => {
    const { user } = await requirePermission('locker.view');
    const v = parseInput(ZCorrectionRequestInput, input);
    await requestCorrection(
      getDb(),
      { userId: user.id, memberships: user.memberships },
      await getRequestContext(),
      v,
    );
    revalidatePath(`/locker/documents/${v.certificateId}/correction`);
    return null;
  });
}

/** The holder withdraws an open request of theirs. */
export async function withdrawCorrectionAction(input: unknown): Promise<ActionResult> {
  return runAction('locker.correction.withdraw', async () => {
    const { user } = await requirePermission('locker.view');
    const { id } = parseInput(ZWithdrawCorrectionInput, input);
    const { certificateId } = await withdrawCorrection(
      getDb(),
      { userId: user.id },
      await getRequestContext(),
      id,
    );
    revalidatePath(`/locker/documents/${certificateId}/correction`);
    return null;
  });
}
