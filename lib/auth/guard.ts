import 'server-only';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { getRequestContext } from '@/lib/http/request-context';
import { gateArea, type CurrentUser } from './session';
import type { Area } from './permissions';

/**
 * For an area's layout: signed-out visitors go to sign-in; a user without the area's permission
 * gets null (the layout shows "Not allowed") and the refusal is audited. Pages and actions check
 * again where data is touched: a layout is not a security boundary.
 */
export async function guardArea(area: Area): Promise<CurrentUser | null> {
  const gate = await gateArea(area);
  if (gate.kind === 'signed-out') redirect(`/sign-in?next=/${area}`);
  if (gate.kind === 'forbidden') {
    const ctx = await getRequestContext();
    await recordAudit(getDb(), {
      actorUserId: gate.user.id,
      action: 'area.open',
      objectType: 'area',
      objectId: area,
      outcome: 'denied',
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return null;
  }
  return gate.user;
}
