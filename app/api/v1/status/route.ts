import { getDb } from '@/db/client';
import { statusCheckResponse } from '@/lib/credentials/bulk-status-route';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/status: the live status of up to 10,000 verification codes or document URIs.
 * JSON `{ "codes": [...] }` answers JSON; a CSV body (`text/csv`) answers CSV. Public.
 */
export async function POST(req: Request) {
  return statusCheckResponse(getDb(), req);
}
