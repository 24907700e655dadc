import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Area } from '@/lib/auth/permissions';
import { BrandMark, HeaderFrame } from './header-frame';
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
    <HeaderFrame
      skipLabel={t('nav.skipToContent')}
      brand={
        <Link href="/" className="site-brand">
          <BrandMark />
          {t('brand.name')}
        </Link>
      }
      navLabel={t('nav.areas')}
      nav={
        <>
          <Link href="/verify">{t('nav.verify')}</Link>
          {user?.areas.map((a) => (
            <Link key={a} href={`/${a}`} data-area={a}>
              {t(`areas.${a}`)}
            </Link>
          ))}
        </>
      }
      tools={
        <>
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
            <Link href="/sign-in" className="sign-in-link">
              {t('nav.signIn')}
            </Link>
          )}
        </>
      }
    />
  );
}
