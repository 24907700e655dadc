'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { ZProfileInput } from '@/lib/identity/schemas';
import { updateOwnProfile } from '@/lib/identity/users';

export async function saveProfileAction(input: unknown): Promise<ActionResult> {
  return runAction('locker.save-profile', async () => {
    const { user } = await requirePermission('locker.view');
    await updateOwnProfile(user.id, parseInput(ZProfileInput, input));
    revalidatePath('/locker');
    return null;
  });
}
