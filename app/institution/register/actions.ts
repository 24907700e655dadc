'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import {
  requestRegistryEntry,
  searchListedEntries,
  submitApplication,
  type ListedEntry,
} from '@/lib/institutions';
import {
  ZRegisterInstitutionInput,
  ZRegistrySearchInput,
  ZRequestRegistryEntryInput,
} from '@/lib/institutions/schemas';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';

// Any signed-in person may apply (seed 000 §2.4 ii); a platform admin decides.

export async function searchRegistryAction(input: unknown): Promise<ActionResult<ListedEntry[]>> {
  return runAction('institution.register.search', async () => {
    await requireUser();
    const { q } = parseInput(ZRegistrySearchInput, input);
    return searchListedEntries(getDb(), { q });
  });
}

export async function requestRegistryEntryAction(input: unknown): Promise<ActionResult> {
  return runAction('institution.register.request-entry', async () => {
    const user = await requireUser();
    const v = parseInput(ZRequestRegistryEntryInput, input);
    await requestRegistryEntry(
      getDb(),
      { actorUserId: user.id, ...(await getRequestContext()) },
      v,
    );
    revalidatePath('/institution/register');
    return null;
  });
}

export async function submitApplicationAction(input: unknown): Promise<ActionResult> {
  return runAction('institution.register.submit', async () => {
    const user = await requireUser();
    const v = parseInput(ZRegisterInstitutionInput, input);
    const ctx = { actorUserId: user.id, ...(await getRequestContext()) };
    const { messageIds } = await submitApplication(getDb(), ctx, v);
    await Promise.all(
      messageIds.map((messageId) => enqueueSoon(deliverOutboxMessage, { messageId })),
    );
    revalidatePath('/institution/register');
    return null;
  });
}
