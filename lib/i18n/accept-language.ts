import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';

/**
 * The language a browser prefers among Sanad's, by the q-values of its Accept-Language header
 * (`hi-IN` counts for `hi`), or null when it names none of them.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header?.trim()) return null;
  const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages([...LOCALES]);
  return (LOCALES as readonly string[]).includes(best ?? '') ? (best as Locale) : null;
}

/**
 * The language of a request: the one chosen with the switcher (the cookie) wins; without a
 * choice, the browser's; else English.
 */
export function requestLocale(
  chosen: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  if ((LOCALES as readonly string[]).includes(chosen ?? '')) return chosen as Locale;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
