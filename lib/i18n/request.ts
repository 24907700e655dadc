import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from './accept-language';
import { CATALOGS, LOCALE_COOKIE } from './locales';
import { TIME_ZONE_COOKIE, toTimeZone } from './time-zone';

// No locale in the URL: the language the switcher chose (a cookie), else the browser's
// Accept-Language, else English. Times show in the reader's zone once the browser has told it.
export default getRequestConfig(async () => {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  const locale = requestLocale(jar.get(LOCALE_COOKIE)?.value, head.get('accept-language'));
  return {
    locale,
    messages: CATALOGS[locale],
    timeZone: toTimeZone(jar.get(TIME_ZONE_COOKIE)?.value),
  };
});
