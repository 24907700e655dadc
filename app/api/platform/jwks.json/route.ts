import { getDb } from '@/db/client';
import { platformJwks } from '@/lib/credentials/offline-kit';

export const dynamic = 'force-dynamic';

/** The platform's Ed25519 keys, which sign the offline verifier kit. */
export async function GET() {
  return Response.json(await platformJwks(getDb()), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
