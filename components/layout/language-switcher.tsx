'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { LOCALES, LOCALE_NAMES } from '@/lib/i18n/locales';

export function LanguageSwitcher({ onChange }: { onChange: (locale: string) => Promise<void> }) {
  const t = useTranslations('nav');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t('language')} className="lang-switch">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          disabled={pending}
          aria-pressed={current === l}
          onClick={() =>
            startTransition(async () => {
              await onChange(l);
              router.refresh();
            })
          }
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
