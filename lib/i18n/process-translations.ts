import { _createCache, _createIntlFormatters, createTranslator } from 'next-intl';
import { CATALOGS, type Locale } from './locales';

// next-intl compiles a message that has {arguments} once per request (its caches live in React's
// per-request cache). The catalogs never change while a process runs, so the verification page
// a QR scan opens, the busiest on the site, uses translators whose compiled messages and Intl
// formatters are kept for the life of the process. Same catalogs, same time zone, same output;
// and no request context is needed, so the web server's own renderer of that page uses them too.

type Messages = (typeof CATALOGS)[Locale];
export type Namespace = keyof Messages & string;

function make<N extends Namespace>(locale: Locale, namespace: N) {
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

export type ProcessTranslator<N extends Namespace> = ReturnType<typeof make<N>>;

const translators = new Map<string, unknown>();

/** A namespace's translator for a language, compiled once per process. */
export function translatorFor<N extends Namespace>(locale: Locale, namespace: N) {
  const key = `${locale}:${namespace}`;
  let t = translators.get(key) as ProcessTranslator<N> | undefined;
  if (!t) {
    t = make(locale, namespace);
    translators.set(key, t);
  }
  return t;
}
