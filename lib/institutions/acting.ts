import 'server-only';
import { cookies } from 'next/headers';
import { grantingMemberships, type Action } from '@/lib/auth/permissions';
import type { CurrentUser } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';

/** The institution a person who works for several has chosen to act for (its id). */
export const ACTING_INSTITUTION_COOKIE = 'sanad_institution';

export type ActingInstitution = { id: string; name: string };

/** The institutions whose `action` the user may take, each once, in the order they joined. */
export function institutionsFor(user: CurrentUser, action: Action): ActingInstitution[] {
  const found = new Map<string, string>();
  for (const m of grantingMemberships(user.memberships, action))
    if (m.orgKind === 'institution' && m.orgId && !found.has(m.orgId))
      found.set(m.orgId, m.orgName ?? '');
  return [...found].map(([id, name]) => ({ id, name }));
}

/** The institution chosen with the switcher, if any (none outside a request, e.g. in a job). */
async function chosenInstitution(): Promise<string | undefined> {
  try {
    return (await cookies()).get(ACTING_INSTITUTION_COOKIE)?.value;
  } catch {
    return undefined;
  }
}

/**
 * The institution a user acts for with `action`: the one they chose with the switcher (the
 * institution area's, for a person who works for several) when it grants the action, else the
 * first that does. Every institution page, route and action takes this as its scope, so another
 * institution's upload or certificate id in a URL is simply not found.
 */
export async function actingInstitution(
  user: CurrentUser,
  action: Action,
): Promise<ActingInstitution> {
  const granted = institutionsFor(user, action);
  if (granted.length === 0) throw new ForbiddenError();
  const chosen = await chosenInstitution();
  return granted.find((o) => o.id === chosen) ?? granted[0]!;
}
