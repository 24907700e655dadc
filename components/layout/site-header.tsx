import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Area } from '@/lib/auth/permissions';
import { LanguageSwitcher } from './language-switcher';
import { SignOutButton } from './sign-out-button';

export type HeaderUser = { label: string; areas: Area[] } | null;

/** The top bar: brand, the areas this user may enter (role switcher), language, sign in/out. */
export async function SiteHeader({
  user,
  onLocaleChange,
}: {
  user: HeaderUser;
  onLocaleChange: (locale: string) => Promise<void>;
}) {
  const t = await getTranslations();
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t('nav.skipToContent')}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold text-brand-900">
          <span
            aria-hidden
            className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white"
          >
            स
          </span>
          <span className="text-lg">{t('brand.name')}</span>
        </Link>
        <nav
          aria-label={t('nav.areas')}
          className="order-3 flex w-full flex-wrap gap-1 text-sm sm:order-none sm:w-auto sm:flex-1"
        >
          <Link href="/verify" className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100">
            {t('nav.verify')}
          </Link>
          {user?.areas.map((a) => (
            <Link
              key={a}
              href={`/${a}`}
              data-area={a}
              className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100"
            >
              {t(`areas.${a}`)}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <LanguageSwitcher onChange={onLocaleChange} />
          {user ? (
            <>
              <Link
                href="/account"
                className="min-h-9 max-w-40 truncate rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
                title={user.label}
                data-testid="account-link"
              >
                <span className="md:hidden">{t('nav.account')}</span>
                <span className="hidden md:inline">{user.label || t('nav.account')}</span>
              </Link>
              <SignOutButton label={t('nav.signOut')} />
            </>
          ) : (
            <Link
              href="/sign-in"
              className="min-h-9 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t('nav.signIn')}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
