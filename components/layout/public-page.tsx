import type { ReactNode } from 'react';
import { config } from '@/lib/config';
import { LOCALES, LOCALE_NAMES, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';
import { BrandMark, HeaderFrame } from './header-frame';
import { SiteFooter } from './site-footer';

/**
 * The frame of the verification page as the web server renders it (app/verify/[code]/render.tsx):
 * the site's header and footer (the same classes as the site layout's) around the page, without
 * the site's session lookup or client code. Links are plain anchors and the language buttons a plain form, so the page works
 * without JavaScript; `signedIn` (a session cookie is present) only changes the way in: "Your
 * areas" rather than "Sign in" (sign-in forwards a signed-in person to their area).
 */
export function PublicPage({
  locale,
  signedIn,
  children,
}: {
  locale: Locale;
  signedIn: boolean;
  children: ReactNode;
}) {
  const t = translatorFor(locale, 'nav');
  const footer = translatorFor(locale, 'footer');
  return (
    <>
      <HeaderFrame
        skipLabel={t('skipToContent')}
        brand={
          <a href="/" className="site-brand">
            <BrandMark />
            {translatorFor(locale, 'brand')('name')}
          </a>
        }
        navLabel={t('areas')}
        nav={<a href="/verify">{t('verify')}</a>}
        tools={
          <>
            <form
              action="/api/locale"
              method="post"
              aria-label={t('language')}
              className="lang-switch"
            >
              {LOCALES.map((l) => (
                <button key={l} name="locale" value={l} lang={l} aria-pressed={locale === l}>
                  {LOCALE_NAMES[l]}
                </button>
              ))}
            </form>
            <a href="/sign-in" className="sign-in-link">
              {signedIn ? t('areas') : t('signIn')}
            </a>
          </>
        }
      />
      <main id="main" className="site-main">
        {children}
      </main>
      <SiteFooter text={footer('text')} devInbox={config.devInboxEnabled ? footer('dev') : null} />
    </>
  );
}
