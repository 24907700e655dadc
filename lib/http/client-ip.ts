/** Header the Sanad server sets from the socket address; clients cannot supply it. */
export const CLIENT_IP_HEADER = 'x-sanad-client-ip';

type HeaderSource =
  { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(h: HeaderSource, name: string): string | undefined {
  if (typeof (h as { get?: unknown }).get === 'function')
    return (h as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export function clientIp(h: HeaderSource): string {
  return read(h, CLIENT_IP_HEADER) ?? 'unknown';
}
