import 'server-only';
import { _createCache, _createIntlFormatters, createTranslator } from 'next-intl';
import { getLocale } from 'next-intl/server';
import { CATALOGS, LOCALES, toLocale, type Locale } from './locales';

// next-intl compiles a message that has {arguments} once per request (its caches live in React's
// per-request cache). The catalogs never change while a process runs, so the pages hit hardest
// (the verification page a QR scan opens) use translators whose compiled messages and Intl
// formatters are kept for the life of the process. Same catalogs, same time zone, same output.

type Messages = (typeof CATALOGS)[Locale];

function make<N extends keyof Messages & string>(locale: Locale, namespace: N) {
  const cache = _createCache();
  return createTranslator({
    locale,
    messages: CATALOGS[locale],
    namespace,
    timeZone: 'Asia/Kolkata',
    _cache: cache,
    _formatters: _createIntlFormatters(cache),
  });
}

const verifyTranslators = Object.fromEntries(LOCALES.map((l) => [l, make(l, 'verify')])) as Record<
  Locale,
  ReturnType<typeof make<'verify'>>
>;

/** The `verify` namespace in the request's language, compiled once per process. */
export async function getVerifyTranslations() {
  const locale = toLocale(await getLocale());
  return { t: verifyTranslators[locale], locale };
}
