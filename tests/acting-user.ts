import { vi } from 'vitest';

// Server actions in integration tests run as whoever `actAs` names: next-auth's session is the
// only thing mocked (with the request context and cache revalidation, which need a request), so
// the permission checks are the real ones (lib/auth/session.ts). Import this before the actions,
// and load the actions with `await import(...)`.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('next-auth', () => ({
  getServerSession: async () => (session.userId ? { userId: session.userId } : null),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/http/request-context', () => ({
  getRequestContext: async () => ({ ip: '127.0.0.1', userAgent: 'vitest' }),
}));

export function actAs(userId: string | null): void {
  session.userId = userId;
}
