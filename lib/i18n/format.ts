import { DEFAULT_TIME_ZONE } from './time-zone';

// Every date Sanad shows goes through here, so each language has one date format on every page
// ("30 October 2026", "30 अक्टूबर 2026"). Intl formatters are costly to create; one is kept per
// locale, style and time zone (a verification page formats several dates on every request).
const STYLES = {
  date: { dateStyle: 'long' },
  time: { timeStyle: 'medium' },
  timestamp: { dateStyle: 'long', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: string,
  style: keyof typeof STYLES,
  timeZone: string,
): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone}`;
  let f = cache.get(key);
  if (!f)
    cache.set(
      key,
      (f = new Intl.DateTimeFormat(locale === 'hi' ? 'hi-IN' : 'en-IN', {
        ...STYLES[style],
        timeZone,
      })),
    );
  return f;
}

const asDate = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at);

/** A calendar date (YYYY-MM-DD), e.g. "30 October 2026": the same day in every time zone. */
export function formatDate(locale: string, iso: string | null): string | null {
  return iso ? formatter(locale, 'date', 'UTC').format(new Date(`${iso}T00:00:00Z`)) : null;
}

/** The day (or, with `'time'`, the time of day) of a moment, in `timeZone`. */
export function formatDateTime(
  locale: string,
  at: Date | string,
  style: 'date' | 'time' = 'date',
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  return formatter(locale, style, timeZone).format(asDate(at));
}

/** A moment as day and time, e.g. "30 October 2026 at 2:05 pm", in `timeZone`. */
export function formatTimestamp(
  locale: string,
  at: Date | string,
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  return formatter(locale, 'timestamp', timeZone).format(asDate(at));
}
