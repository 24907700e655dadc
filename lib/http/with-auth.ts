import 'server-only';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { ForbiddenError, UnauthenticatedError, toPublicError } from '@/lib/errors';
import { clientIp } from './client-ip';
import { crossSiteReason, isStateChanging } from './same-origin';

type Ctx<P> = { params: Promise<P> };

/**
 * STYLE.md 6: route handlers go through one wrapper that refuses cross-site requests that would
 * change something, requires a signed-in user and maps errors to HTTP. The handler itself decides
 * "may this user touch this object?" with the object's scope (see lib/auth/session.ts
 * `authorize`).
 */
export function withUser<P>(
  handler: (req: Request, ctx: { user: CurrentUser; params: P }) => Promise<Response>,
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    const where = `${req.method} ${new URL(req.url).pathname}`;
    try {
      const crossSite = isStateChanging(req.method)
        ? crossSiteReason(req.headers, [config.publicBaseUrl])
        : null;
      const user = await getCurrentUser();
      if (crossSite) {
        // Refused before the body is read: nothing of it is stored.
        await recordAudit(getDb(), {
          actorUserId: user?.id ?? null,
          action: 'request.cross_site',
          objectType: 'route',
          objectId: where,
          outcome: 'denied',
          ip: clientIp(req.headers),
          userAgent: req.headers.get('user-agent'),
          detail: { reason: crossSite },
        });
        throw new ForbiddenError('This request came from another site and was refused');
      }
      if (!user) throw new UnauthenticatedError();
      return await handler(req, { user, params: await ctx.params });
    } catch (error) {
      const e = toPublicError(error, where);
      return Response.json(
        {
          error: e.key,
          message: e.message,
          ...(e.ref ? { ref: e.ref } : {}),
          ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}),
        },
        { status: e.status },
      );
    }
  };
}
