// Intl formatters are costly to create; keep one per locale and style (a verification page
// formats several dates on every request).
const STYLES = {
  date: { dateStyle: 'long', timeZone: 'UTC' },
  dateTime: { dateStyle: 'medium', timeZone: 'Asia/Kolkata' },
  time: { timeStyle: 'medium', timeZone: 'Asia/Kolkata' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = cache.get(key);
  if (!f)
    cache.set(
      key,
      (f = new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', STYLES[style])),
    );
  return f;
}

/** A calendar date (YYYY-MM-DD) in words, e.g. "30 October 2026". */
export function formatDate(locale: string, iso: string | null): string | null {
  return iso ? formatter(locale, 'date').format(new Date(`${iso}T00:00:00Z`)) : null;
}

export function formatDateTime(
  locale: string,
  at: Date | string,
  style: 'date' | 'time' = 'date',
): string {
  return formatter(locale, style === 'time' ? 'time' : 'dateTime').format(
    typeof at === 'string' ? new Date(at) : at,
  );
}
