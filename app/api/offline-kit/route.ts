import { getDb } from '@/db/client';
import { buildOfflineKit } from '@/lib/credentials/offline-kit';

export const dynamic = 'force-dynamic';

/** Download: every issuer's keys and status lists, signed by the platform, with its time. */
export async function GET() {
  const kit = await buildOfflineKit(getDb());
  return new Response(JSON.stringify(kit, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="sanad-offline-kit-${kit.generatedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
}
