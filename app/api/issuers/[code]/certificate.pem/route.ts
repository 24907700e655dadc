import { getDb } from '@/db/client';
import { issuerCertificatesByCode } from '@/lib/credentials/issuer-directory';

export const dynamic = 'force-dynamic';

/**
 * The issuer's X.509 certificates (PEM), current first, then retired ones that still verify
 * older documents. Feed it to `xmlsec1 --verify --pubkey-cert-pem`. `?current=1`: only the first.
 */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const pems = await issuerCertificatesByCode(getDb(), code);
  if (pems.length === 0) return new Response('No such issuer\n', { status: 404 });
  const current = new URL(req.url).searchParams.get('current') === '1';
  return new Response((current ? pems.slice(0, 1) : pems).join(''), {
    headers: {
      'content-type': 'application/x-pem-file; charset=utf-8',
      'cache-control': 'public, max-age=300',
    },
  });
}
