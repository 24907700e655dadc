import 'server-only';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/http/client-ip';
import { readBodyCapped } from '@/lib/http/read-body';
import { handlePull } from './pull';
import { MAX_REQUEST_BYTES } from './xml';

/** The route handler for POST /api/digilocker/pull-uri and /pull-doc. */
export function pullRoute(kind: 'uri' | 'doc') {
  return async function POST(req: Request): Promise<Response> {
    // Anything larger than the cap is cut off unread; the handler then refuses it as too large.
    const raw =
      (await readBodyCapped(req, MAX_REQUEST_BYTES)) ?? Buffer.alloc(MAX_REQUEST_BYTES + 1);
    const answer = await handlePull(
      getDb(),
      kind,
      raw,
      req.headers.get('x-digilocker-hmac'),
      clientIp(req.headers),
    );
    return new Response(answer.body, {
      status: answer.status,
      headers: {
        'content-type': 'application/xml; charset=utf-8',
        'cache-control': 'no-store',
        'x-sanad-outcome': answer.outcome.slice(0, 200).replace(/[^\x20-\x7e]/g, '?'),
        ...(answer.retryAfterSeconds ? { 'retry-after': String(answer.retryAfterSeconds) } : {}),
      },
    });
  };
}
