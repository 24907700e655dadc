import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { InvalidCodeError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { verifySignInCode } from './otp';

const SESSION_HOURS = 8;

export const authOptions: NextAuthOptions = {
  // The token carries only the user id; roles are read from the database on every request, so
  // a removed role takes effect at once (issue 6, item 4).
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/sign-in' },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    Credentials({
      id: 'otp',
      name: 'One-time code',
      credentials: { identifier: { type: 'text' }, code: { type: 'text' } },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string>;
        try {
          const { userId } = await verifySignInCode(getDb(), {
            identifier: credentials?.identifier ?? '',
            code: credentials?.code ?? '',
            ip: clientIp(headers),
            userAgent: headers['user-agent'] ?? null,
          });
          return { id: userId };
        } catch (error) {
          if (error instanceof InvalidCodeError) return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
