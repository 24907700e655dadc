import { getDb } from '@/db/client';
import { checkUploadedSignature } from '@/lib/esign/verify-upload';
import { toPublicError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';

export const dynamic = 'force-dynamic';

/**
 * POST /api/esign/verify (multipart: `file`, and `signature` for an image): whether the file is
 * e-signed with Sanad and unchanged. Public: it reads nothing of anyone's locker.
 */
export async function POST(req: Request) {
  try {
    const result = await checkUploadedSignature(getDb(), req, clientIp(req.headers));
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    const e = toPublicError(error, 'POST /api/esign/verify');
    return Response.json(
      {
        error: e.key,
        message: e.message,
        fieldErrors: e.fieldErrors,
        ...(e.ref ? { ref: e.ref } : {}),
      },
      { status: e.status },
    );
  }
}
