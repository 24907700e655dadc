import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { CATALOGS, LOCALE_COOKIE, toLocale } from './locales';

// No locale in the URL: the language is a cookie the switcher sets (default English).
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: CATALOGS[locale], timeZone: 'Asia/Kolkata' };
});
