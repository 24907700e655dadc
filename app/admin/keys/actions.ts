'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { rotateKeysOf } from '@/lib/credentials/rotate-keys';
import { ZRotateIssuerKeysInput } from '@/lib/credentials/rotate-keys-schema';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';

export async function rotateKeysAction(
  input: unknown,
): Promise<ActionResult<{ retiredKids: string[]; newKids: string[] }>> {
  return runAction('admin.keys.rotate', async () => {
    const { user } = await requirePermission('admin.keys.manage');
    const v = parseInput(ZRotateIssuerKeysInput, input);
    const kids = await rotateKeysOf(
      getDb(),
      { actorUserId: user.id, ...(await getRequestContext()) },
      v,
    );
    revalidatePath('/admin/keys');
    return kids;
  });
}
