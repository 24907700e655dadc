/** A rough, human label for a browser's user agent: the kind of device and the browser. */
export function describeDevice(userAgent: string | null): {
  device: 'phone' | 'tablet' | 'computer' | 'unknown';
  browser: string | null;
} {
  if (!userAgent) return { device: 'unknown', browser: null };
  const ua = userAgent;
  const device = /iPad|Tablet/i.test(ua)
    ? 'tablet'
    : /Mobi|Android|iPhone/i.test(ua)
      ? 'phone'
      : 'computer';
  const browser =
    [
      ['Edge', /Edg\//],
      ['Opera', /OPR\//],
      ['Samsung Internet', /SamsungBrowser\//],
      ['Firefox', /Firefox\//],
      ['Chrome', /Chrome\/|CriOS\//],
      ['Safari', /Safari\//],
    ].find(([, re]) => (re as RegExp).test(ua))?.[0] ?? null;
  return { device, browser: browser as string | null };
}
