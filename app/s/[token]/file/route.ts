import { getDb } from '@/db/client';
import { sharedFileResponse } from '@/lib/locker/public-share';

export const dynamic = 'force-dynamic';

/** GET /s/{token}/file: a shared uploaded document, as a download only. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharedFileResponse(getDb(), req, (await params).token);
}
