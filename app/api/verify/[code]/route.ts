import { checkCode } from '@/lib/credentials/public-verification';
import { verifyUrlOf } from '@/lib/credentials/renditions';
import { ZVerificationCode } from '@/lib/credentials/verification-code';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'cache-control': 'no-store' };

/** GET /api/verify/{code}: the live verification as JSON; 404 for an unknown code. */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const parsed = ZVerificationCode.safeParse(code);
  if (!parsed.success) {
    return Response.json(
      {
        status: 'invalid-code',
        message: 'A certificate code has 6 to 64 letters, digits or hyphens',
      },
      { status: 400, headers: NO_STORE },
    );
  }
  const c = await checkCode(parsed.data, 'api');
  if (!c)
    return Response.json(
      { status: 'not-found', message: 'No certificate has this code' },
      { status: 404, headers: NO_STORE },
    );
  return Response.json(
    {
      status: c.status,
      signatureValid: c.signatureValid,
      certificate: {
        title: c.title,
        number: c.number,
        uri: c.uri,
        version: c.version,
        verificationCode: c.verificationCode,
        recipientName: c.recipientName,
        award: c.award,
        issueDate: c.issueDate,
        validFrom: c.validFrom,
        expiryDate: c.expiryDate,
        issuedAt: c.issuedAt,
      },
      issuer: c.issuer,
      statusReason: c.statusReason,
      statusChangedAt: c.statusChangedAt,
      successor: c.successorCode
        ? { verificationCode: c.successorCode, url: verifyUrlOf(c.successorCode) }
        : null,
      checkedAt: new Date().toISOString(),
    },
    { headers: NO_STORE },
  );
}
