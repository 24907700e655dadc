import type { Metadata, Viewport } from 'next';
import { ClientMessages } from '@/components/i18n/client-messages';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { setLocaleAction } from '@/app/actions/locale';
import { BrowserSetup } from '@/components/layout/browser-setup';
import { SiteFooter } from '@/components/layout/site-footer';
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
          <main id="main" className="site-main">
            {children}
          </main>
          <SiteFooter text={t('text')} devInbox={config.devInboxEnabled ? t('dev') : null} />
        </ClientMessages>
      </body>
    </html>
  );
}
