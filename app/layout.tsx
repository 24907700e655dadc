import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { setLocaleAction } from '@/app/actions/locale';
import { BrowserSetup } from '@/components/layout/browser-setup';
import { SiteHeader } from '@/components/layout/site-header';
import { getCurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
// Devanagari is served with the app, so Hindi renders the same on every device (no tofu).
import '@fontsource/noto-sans-devanagari/devanagari-400.css';
import '@fontsource/noto-sans-devanagari/devanagari-600.css';
import '@fontsource/noto-sans-devanagari/devanagari-700.css';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: t('title'), description: t('description') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f766e' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('footer');
  const user = await getCurrentUser();
  const label = user ? (user.name ?? user.mobile ?? user.email ?? '') : '';
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <BrowserSetup />
        <ClientMessages namespaces={['nav', 'errors', 'errorPage']}>
          <SiteHeader
            user={user ? { label, areas: user.areas } : null}
            onLocaleChange={setLocaleAction}
          />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
            {children}
          </main>
          <footer className="border-t border-slate-200 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-4 text-sm text-slate-500">
              <span>{t('text')}</span>
              {config.devInboxEnabled ? (
                <Link href="/dev/inbox" className="underline">
                  {t('dev')}
                </Link>
              ) : null}
            </div>
          </footer>
        </ClientMessages>
      </body>
    </html>
  );
}
