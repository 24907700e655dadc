import { getDb } from '@/db/client';
import { sharedPdfResponse } from '@/lib/locker/public-share';

export const dynamic = 'force-dynamic';

/** GET /s/{token}/pdf: a shared certificate's PDF, through the same access decision. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharedPdfResponse(getDb(), req, (await params).token);
}
