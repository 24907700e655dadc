'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { addAuthorizedPerson, removeOrgPerson } from '@/lib/institutions';
import { ZAddAuthorizedPersonInput, ZRemoveOrgPersonInput } from '@/lib/institutions/schemas';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';

/** The owner adds a further authorized person to their own institution. */
export async function addAuthorizedPersonAction(input: unknown): Promise<ActionResult> {
  return runAction('institution.people.add', async () => {
    const v = parseInput(ZAddAuthorizedPersonInput, input);
    // Checked within the institution named in the input: an owner elsewhere is refused.
    const { user } = await requirePermission('institution.members.manage', v.orgId);
    const ctx = { actorUserId: user.id, ...(await getRequestContext()) };
    const { messageIds } = await addAuthorizedPerson(getDb(), ctx, v);
    await Promise.all(
      messageIds.map((messageId) => enqueueSoon(deliverOutboxMessage, { messageId })),
    );
    revalidatePath('/institution/people');
    return null;
  });
}

/** The owner removes a person (their staff roles there) from the institution. */
export async function removeOrgPersonAction(input: unknown): Promise<ActionResult> {
  return runAction('institution.people.remove', async () => {
    const v = parseInput(ZRemoveOrgPersonInput, input);
    // Checked within the institution the page showed: an owner elsewhere is refused.
    const { user } = await requirePermission('institution.members.manage', v.orgId);
    await removeOrgPerson(getDb(), { actorUserId: user.id, ...(await getRequestContext()) }, v);
    revalidatePath('/institution/people');
    return null;
  });
}
