'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { schedulePublish } from '@/lib/records/jobs';
import { requestPublish } from '@/lib/records/publish';
import { actingInstitution } from '@/lib/institutions/acting';

const ZPublishInput = z.object({ uploadId: z.uuid(), templateKey: z.string().min(1, 'required') });

export async function publishUploadAction(input: unknown): Promise<ActionResult> {
  return runAction('records.publish', async () => {
    const user = await requireUser();
    const { id: orgId } = await actingInstitution(user, 'records.publish');
    const { uploadId, templateKey } = parseInput(ZPublishInput, input);
    await requestPublish(getDb(), {
      orgId,
      uploadId,
      actorUserId: user.id,
      templateKey,
      ...(await getRequestContext()),
    });
    await schedulePublish(uploadId);
    revalidatePath(`/institution/uploads/${uploadId}`);
    return null;
  });
}
