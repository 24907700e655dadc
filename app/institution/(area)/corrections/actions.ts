'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';
import { answerCorrection, ZAnswerCorrectionInput } from '@/lib/locker/corrections';

/** An institution's owner answers a correction request, or marks it fixed; the holder is told. */
export async function answerCorrectionAction(input: unknown): Promise<ActionResult> {
  return runAction('institution.correction.answer', async () => {
    const v = parseInput(ZAnswerCorrectionInput, input);
    // Checked within the institution named in the input; the request must be that institution's.
    const { user } = await requirePermission('institution.manage', v.orgId);
    const { messageIds } = await answerCorrection(
      getDb(),
      { userId: user.id, memberships: user.memberships },
      await getRequestContext(),
      v,
    );
    await Promise.all(
      messageIds.map((messageId) => enqueueSoon(deliverOutboxMessage, { messageId })),
    );
    revalidatePath('/institution/corrections');
    return null;
  });
}
