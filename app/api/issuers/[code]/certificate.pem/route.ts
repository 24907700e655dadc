import { getDb } from '@/db/client';
import { issuerCertificatesByCode } from '@/lib/credentials/issuer-directory';

export const dynamic = 'force-dynamic';

/**
 * The issuer's current X.509 certificate (PEM), ready for
 * `xmlsec1 --verify --pubkey-cert-pem`. `?all=1`: every certificate it has had, newest first —
 * retired ones still verify documents signed before a rotation.
 */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const pems = await issuerCertificatesByCode(getDb(), code);
  if (pems.length === 0) return new Response('No such issuer\n', { status: 404 });
  const all = new URL(req.url).searchParams.get('all') === '1';
  const body = (all ? pems : pems.slice(0, 1)).map((p) => `${p.trim()}\n`).join('');
  return new Response(body, {
    headers: {
      'content-type': 'application/x-pem-file; charset=utf-8',
      'cache-control': 'public, max-age=300',
    },
  });
}
