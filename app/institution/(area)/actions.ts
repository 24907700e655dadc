'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { requireUser } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { ACTING_INSTITUTION_COOKIE, institutionsFor } from '@/lib/institutions/acting';

/** A person who works for several institutions chooses which one the institution area shows. */
export async function chooseInstitutionAction(orgId: unknown): Promise<ActionResult> {
  return runAction('institution.choose', async () => {
    const id = parseInput(z.uuid(), orgId);
    const user = await requireUser();
    if (!institutionsFor(user, 'institution.view').some((o) => o.id === id)) {
      await recordAudit(getDb(), {
        actorUserId: user.id,
        action: 'institution.choose',
        objectType: 'organisation',
        objectId: id,
        outcome: 'denied',
        ...(await getRequestContext()),
      });
      throw new ForbiddenError('You do not work for this institution');
    }
    (await cookies()).set(ACTING_INSTITUTION_COOKIE, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 365 * 24 * 3600,
    });
    return null;
  });
}
