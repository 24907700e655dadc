import { getDb } from '@/db/client';
import { sharePageResponse } from '@/lib/locker/public-share';

export const dynamic = 'force-dynamic';

/** GET /s/{token}: a shared document, opened by anyone holding the link (no sign-in). */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return sharePageResponse(getDb(), req, (await params).token);
}
