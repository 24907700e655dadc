/**
 * Cross-site request check for state-changing requests that a browser sends with the user's
 * cookies. A browser marks where a request came from (`Sec-Fetch-Site`, and `Origin` on every
 * non-GET request); a request from another site, including a sibling subdomain, is refused.
 * A request with neither header is not from a browser, so it carries no one else's cookies.
 */

type Headers = { get(name: string): string | null };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function hostOf(origin: string): string | null {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Null when the request may go on; otherwise the reason it is refused.
 * `ownOrigins` are the site's configured addresses (PUBLIC_BASE_URL); the Host the browser used
 * (or the proxy's `X-Forwarded-Host`) counts as ours too.
 */
export function crossSiteReason(headers: Headers, ownOrigins: string[]): string | null {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = headers.get('origin');
  if (origin === null) return null;
  const from = hostOf(origin);
  if (!from) return `Origin: ${origin.slice(0, 100)}`;
  const own = new Set<string>();
  for (const o of ownOrigins) {
    const h = hostOf(o);
    if (h) own.add(h);
  }
  const host = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '')
    .split(',')[0]!
    .trim()
    .toLowerCase();
  if (host) own.add(host);
  return own.has(from) ? null : `Origin: ${origin.slice(0, 100)}`;
}
