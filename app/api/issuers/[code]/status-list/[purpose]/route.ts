import { getDb } from '@/db/client';
import {
  STATUS_PURPOSES,
  buildStatusList,
  type StatusPurpose,
} from '@/lib/credentials/status-list';

export const dynamic = 'force-dynamic';

/** The issuer's signed Bitstring Status List ("revocation" or "suspension"), always current. */
export async function GET(
  _req: Request,
  { params }: { params: Promise<{ code: string; purpose: string }> },
) {
  const { code, purpose } = await params;
  if (!(STATUS_PURPOSES as readonly string[]).includes(purpose))
    return Response.json({ error: 'Unknown status purpose' }, { status: 404 });
  const list = await buildStatusList(getDb(), code, purpose as StatusPurpose);
  if (!list) return Response.json({ error: 'No such issuer' }, { status: 404 });
  return Response.json(list, {
    headers: { 'cache-control': 'no-store', 'content-type': 'application/vc+json' },
  });
}
