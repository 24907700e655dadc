import { vi } from 'vitest';

// Server actions in integration tests run as whoever `actAs` names: next-auth's session is the
// only thing mocked (with the request context and cache revalidation, which need a request), so
// the permission checks are the real ones (lib/auth/session.ts), and so is the server-side
// session row each acting person gets. Import this before the actions, and load the actions
// with `await import(...)`.
const session = vi.hoisted(() => ({
  userId: null as string | null,
  ids: new Map<string, string>(),
}));

async function sessionIdFor(userId: string): Promise<string> {
  const known = session.ids.get(userId);
  if (known) return known;
  const { testDb } = await import('./helpers');
  const { startSession } = await import('@/lib/auth/sessions');
  const { db, sql } = testDb();
  try {
    const id = await startSession(db, {
      userId,
      method: 'sms',
      ip: '127.0.0.1',
      userAgent: 'vitest',
    });
    session.ids.set(userId, id);
    return id;
  } finally {
    await sql.end();
  }
}

vi.mock('next-auth', () => ({
  getServerSession: async () =>
    session.userId
      ? { userId: session.userId, sessionId: await sessionIdFor(session.userId) }
      : null,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/http/request-context', () => ({
  getRequestContext: async () => ({ ip: '127.0.0.1', userAgent: 'vitest' }),
}));

export function actAs(userId: string | null): void {
  session.userId = userId;
}

/** The session `actAs` made for the person (after their first request). */
export function actingSessionId(userId: string): string | undefined {
  return session.ids.get(userId);
}

/** Forget the person's session, so the next request starts a fresh one. */
export function forgetSession(userId: string): void {
  session.ids.delete(userId);
}
