import 'server-only';
import { authorize, type CurrentUser } from '@/lib/auth/session';
import type { Action } from '@/lib/auth/permissions';
import { ForbiddenError } from '@/lib/errors';

/**
 * The institution a user acts for with `action`: the first institution membership that grants
 * it. Every records query then takes this org id as its scope, so another institution's upload
 * id in a URL is simply not found.
 */
export function actingInstitution(user: CurrentUser, action: Action): string {
  const granted = authorize(user, action).filter((m) => m.orgKind === 'institution' && m.orgId);
  if (granted.length === 0) throw new ForbiddenError();
  return granted[0]!.orgId!;
}
