import { requestLocale } from '@/lib/i18n/accept-language';
import { LOCALE_COOKIE, type Locale } from '@/lib/i18n/locales';

// next-auth's session cookie over http and over https.
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/**
 * What the verification page needs from a request without a session lookup: the language (the
 * switcher's cookie, else the browser's Accept-Language, as lib/i18n/request.ts reads them) and
 * whether a session cookie is present.
 */
export function publicRequestOf(
  cookie: (name: string) => string | undefined,
  acceptLanguage?: string | null,
): {
  locale: Locale;
  signedIn: boolean;
} {
  return {
    locale: requestLocale(cookie(LOCALE_COOKIE), acceptLanguage),
    signedIn: SESSION_COOKIES.some((name) => Boolean(cookie(name))),
  };
}

/** A `Cookie` request header as a lookup (the web server's renderer has no Next.js cookies()). */
export function cookieHeaderLookup(
  header: string | undefined,
): (name: string) => string | undefined {
  const values = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!values.has(name)) values.set(name, part.slice(eq + 1).trim());
  }
  return (name) => values.get(name);
}
