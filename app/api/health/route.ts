import { checkHealth } from '@/lib/telemetry/health';

export const dynamic = 'force-dynamic';

/** For load balancers and the start-up checks. */
export async function GET() {
  const { ok } = await checkHealth();
  return Response.json({ status: ok ? 'ok' : 'database-unreachable' }, { status: ok ? 200 : 503 });
}
