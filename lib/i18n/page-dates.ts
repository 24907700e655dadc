import 'server-only';
import { getLocale, getTimeZone } from 'next-intl/server';
import { formatDate, formatDateTime, formatTimestamp } from './format';

/** format.ts bound to the request's language and the reader's time zone, for pages. */
export async function getDates() {
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  return {
    locale,
    timeZone,
    /** A calendar date (YYYY-MM-DD). */
    date: (iso: string | null) => formatDate(locale, iso),
    /** The day of a moment. */
    day: (at: Date | string) => formatDateTime(locale, at, 'date', timeZone),
    /** A moment, day and time. */
    timestamp: (at: Date | string) => formatTimestamp(locale, at, timeZone),
  };
}
