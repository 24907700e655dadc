import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { getRequestContext } from '@/lib/http/request-context';
import { AREA_ACTION, grantingMemberships, type Action, type Area } from './permissions';
import { getCurrentUser, type CurrentMembership, type CurrentUser } from './session';

/**
 * For pages and layouts: a signed-out visitor is sent to sign-in; a user without the permission
 * gets the 403 "Not allowed" page (app/forbidden.tsx). Layouts and pages both call it — a layout
 * is not a security boundary — and server actions check again with `requirePermission`.
 */
export async function requirePageAccess(
  action: Action,
  opts: { next: string; orgId?: string; audit?: boolean },
): Promise<{ user: CurrentUser; memberships: CurrentMembership[] }> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(opts.next)}`);
  const granted = grantingMemberships(user.memberships, action, opts.orgId);
  if (granted.length === 0) {
    if (opts.audit) {
      const ctx = await getRequestContext();
      await recordAudit(getDb(), {
        actorUserId: user.id,
        action,
        objectType: 'page',
        objectId: opts.next,
        outcome: 'denied',
        ip: ctx.ip,
        userAgent: ctx.userAgent,
      });
    }
    forbidden();
  }
  return { user, memberships: granted };
}

/** For an area's layout: the area's own permission, with the refusal audited. */
export function guardArea(area: Area) {
  return requirePageAccess(AREA_ACTION[area], { next: `/${area}`, audit: true });
}
