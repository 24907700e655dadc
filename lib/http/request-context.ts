import 'server-only';
import { headers } from 'next/headers';
import { clientIp } from './client-ip';

/** Where a request came from, for rate limits and the audit log. */
export async function getRequestContext(): Promise<{ ip: string; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get('user-agent') };
}
