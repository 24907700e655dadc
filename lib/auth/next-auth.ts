import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { AppError, InvalidCodeError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { verifySignInCode } from './otp';
import { endSession, startSession } from './sessions';
import { SIGN_IN_ERRORS } from './sign-in-errors';

export const authOptions: NextAuthOptions = {
  // The token carries the user id and the server-side session id; the session row and the
  // roles are read from the database on every request (lib/auth/session.ts), so signing out,
  // blocking or a removed role take effect at once. The cookie lives no longer than the longest
  // absolute lifetime; the shorter ones are enforced on the row.
  session: { strategy: 'jwt', maxAge: config.sessionMaxHours * 3600 },
  pages: { signIn: '/sign-in' },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    Credentials({
      id: 'otp',
      name: 'One-time code',
      credentials: { identifier: { type: 'text' }, code: { type: 'text' } },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string>;
        const ip = clientIp(headers);
        const userAgent = headers['user-agent'] ?? null;
        try {
          const db = getDb();
          const { userId, method } = await verifySignInCode(db, {
            identifier: credentials?.identifier ?? '',
            code: credentials?.code ?? '',
            ip,
            userAgent,
          });
          const sessionId = await startSession(db, { userId, method, ip, userAgent });
          return { id: userId, sessionId };
        } catch (error) {
          if (error instanceof InvalidCodeError) return null;
          // next-auth hands the message to the form as `error`: only the known keys.
          if (
            error instanceof AppError &&
            (SIGN_IN_ERRORS as readonly string[]).includes(error.key)
          )
            throw new Error(error.key);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as { sessionId?: string }).sessionId;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, sessionId: token.sid };
    },
  },
  events: {
    // The cookie is cleared by next-auth; ending the row makes a copy of it useless too.
    async signOut({ token }) {
      const sid = typeof token?.sid === 'string' ? token.sid : null;
      if (!sid || !/^[0-9a-f-]{36}$/i.test(sid)) return;
      const db = getDb();
      await endSession(db, sid, 'sign_out');
      if (typeof token.sub === 'string')
        await recordAudit(db, {
          actorUserId: token.sub,
          action: 'auth.sign_out',
          objectType: 'session',
          objectId: sid,
        });
    },
  },
};
