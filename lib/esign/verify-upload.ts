import 'server-only';
import type { Db } from '@/db/client';
import { addressKey, takeRateLimit } from '@/lib/auth/rate-limit';
import { InvalidError, RateLimitedError, TooLargeError } from '@/lib/errors';
import { readBodyCapped } from '@/lib/http/read-body';
import { trustedCaCertificates } from './ca';
import { checkSignedFile, type SignatureCheck } from './verify-signature';

// The public "check an e-signed file" upload on /verify: anyone, no account. Nothing uploaded
// is kept; the request is capped while it streams and limited per client address.

/** A signed PDF may be a little larger than the 10 MB upload it came from. */
export const MAX_SIGNED_FILE_BYTES = 12 * 1024 * 1024;
export const MAX_SIGNATURE_BYTES = 64 * 1024;
/** The whole multipart body: the file, a .p7s and the form's own overhead. */
const MAX_BODY_BYTES = MAX_SIGNED_FILE_BYTES + MAX_SIGNATURE_BYTES + 16 * 1024;
const CHECKS_PER_WINDOW = 30;
const WINDOW_SECONDS = 600;

export async function checkUploadedSignature(
  db: Db,
  req: Request,
  ip: string,
): Promise<SignatureCheck> {
  if (!(await takeRateLimit(db, 'esign.verify', addressKey(ip), CHECKS_PER_WINDOW, WINDOW_SECONDS)))
    throw new RateLimitedError();
  const body = await readBodyCapped(req, MAX_BODY_BYTES);
  if (!body) throw new TooLargeError('The file is too large');
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), {
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    throw new InvalidError('Choose a file', { file: 'noFile' });
  }
  const file = form.get('file');
  const signature = form.get('signature');
  if (!(file instanceof File) || file.size === 0)
    throw new InvalidError('Choose a file', { file: 'noFile' });
  if (file.size > MAX_SIGNED_FILE_BYTES)
    throw new InvalidError('The file is too large', { file: 'tooLarge' });
  const sig = signature instanceof File && signature.size > 0 ? signature : null;
  if (sig && sig.size > MAX_SIGNATURE_BYTES)
    throw new InvalidError('The signature file is too large', { signature: 'tooLarge' });
  return checkSignedFile(
    Buffer.from(await file.arrayBuffer()),
    sig ? Buffer.from(await sig.arrayBuffer()) : null,
    await trustedCaCertificates(),
  );
}
