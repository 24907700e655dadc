import { getDb } from '@/db/client';
import { withUser } from '@/lib/http/with-auth';
import { clientIp } from '@/lib/http/client-ip';
import { receiveUpload } from '@/lib/records/intake';
import { scheduleValidation } from '@/lib/records/jobs';
import { actingInstitution } from '@/lib/institutions/acting';
import { config } from '@/lib/config';
import { InvalidError, TooLargeError } from '@/lib/errors';

// POST the award CSV as the raw request body (streamed, not buffered); x-file-name carries the
// file's name, URI-encoded.
export const POST = withUser(async (req, { user }) => {
  const { id: orgId } = await actingInstitution(user, 'records.upload');
  if (!req.body) throw new InvalidError('The file is empty');
  // A declared size over the limit is refused before a byte is stored; an undeclared one is
  // capped while it streams (lib/records/intake.ts).
  if (Number(req.headers.get('content-length')) > config.recordsMaxBytes)
    throw new TooLargeError(
      `The file is larger than ${Math.round(config.recordsMaxBytes / 1024 / 1024)} MB`,
    );
  let fileName = 'upload.csv';
  try {
    fileName = decodeURIComponent(req.headers.get('x-file-name') ?? fileName);
  } catch {
    // keep the default for a malformed name
  }
  const result = await receiveUpload(getDb(), {
    orgId,
    userId: user.id,
    fileName,
    body: req.body,
    ip: clientIp(req.headers),
    userAgent: req.headers.get('user-agent'),
  });
  if (!result.duplicate) await scheduleValidation(result.id);
  return Response.json(result, { status: result.duplicate ? 200 : 201 });
});
