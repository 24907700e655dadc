import { verifyApiResponse } from '@/lib/credentials/verify-api';

export const dynamic = 'force-dynamic';

/** GET /api/verify/{code}: the live verification as JSON; 404 for an unknown code. */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const { status, body } = await verifyApiResponse(code);
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}
