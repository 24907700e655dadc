import 'server-only';
import { checkCode } from './public-verification';
import { verifyUrlOf } from './renditions';
import { ZVerificationCode } from './verification-code';

/**
 * The answer of `GET /api/verify/{code}` as status + JSON text. Served by scripts/serve.mjs
 * before Next.js routing (it is the hottest public endpoint), and by the Next route in dev.
 */
export async function verifyApiResponse(
  rawCode: string,
): Promise<{ status: number; body: string }> {
  const parsed = ZVerificationCode.safeParse(rawCode);
  if (!parsed.success) {
    return {
      status: 400,
      body: JSON.stringify({
        status: 'invalid-code',
        message: 'A certificate code has 6 to 64 letters, digits or hyphens',
      }),
    };
  }
  const c = await checkCode(parsed.data, 'api');
  if (!c)
    return {
      status: 404,
      body: JSON.stringify({ status: 'not-found', message: 'No certificate has this code' }),
    };
  return {
    status: 200,
    body: JSON.stringify({
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
    }),
  };
}
