import { getDb } from '@/db/client';
import { issuerJwks } from '@/lib/credentials/issuer-directory';

export const dynamic = 'force-dynamic';

/** The issuer's public keys as a JWKS (Ed25519 record signatures and RSA XML signatures). */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const jwks = await issuerJwks(getDb(), code);
  if (!jwks) return Response.json({ error: 'No such issuer' }, { status: 404 });
  return Response.json(jwks, { headers: { 'cache-control': 'public, max-age=300' } });
}
