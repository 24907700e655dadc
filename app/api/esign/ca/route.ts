import { trustedCaCertificates } from '@/lib/esign/ca';
import { attachment } from '@/lib/http/content-disposition';

export const dynamic = 'force-dynamic';

/** GET /api/esign/ca: Sanad's e-Sign CA certificate (PEM), to check signatures with openssl. */
export async function GET() {
  const [der] = await trustedCaCertificates();
  const lines = der!
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return new Response(`-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`, {
    headers: {
      'content-type': 'application/x-pem-file',
      'content-disposition': attachment('sanad-esign-ca.pem'),
      'cache-control': 'public, max-age=3600',
    },
  });
}
