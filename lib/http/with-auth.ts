import 'server-only';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import { UnauthenticatedError, toPublicError } from '@/lib/errors';

type Ctx<P> = { params: Promise<P> };

/**
 * STYLE.md 6: route handlers go through one wrapper that requires a signed-in user and maps
 * errors to HTTP. The handler itself decides "may this user touch this object?" with the
 * object's scope (see lib/auth/session.ts `authorize`).
 */
export function withUser<P>(
  handler: (req: Request, ctx: { user: CurrentUser; params: P }) => Promise<Response>,
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new UnauthenticatedError();
      return await handler(req, { user, params: await ctx.params });
    } catch (error) {
      const e = toPublicError(error, `${req.method} ${new URL(req.url).pathname}`);
      return Response.json(
        { error: e.key, message: e.message, ...(e.ref ? { ref: e.ref } : {}) },
        { status: e.status },
      );
    }
  };
}
