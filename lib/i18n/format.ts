// Intl formatters are costly to create; keep one per locale and style (a verification page
// formats several dates on every request).
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f)
    cache.set(key, (f = new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', options)));
  return f;
}

/** A calendar date (YYYY-MM-DD) in words, e.g. "30 October 2026". */
export function formatDate(locale: string, iso: string | null): string | null {
  return iso
    ? formatter(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`))
    : null;
}

export function formatDateTime(
  locale: string,
  at: Date | string,
  style: 'date' | 'time' = 'date',
): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'time'
      ? { timeStyle: 'medium', timeZone: 'Asia/Kolkata' }
      : { dateStyle: 'medium', timeZone: 'Asia/Kolkata' };
  return formatter(locale, options).format(typeof at === 'string' ? new Date(at) : at);
}
