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
    <div role="group" aria-label={t('language')} className="flex items-center gap-1 text-sm">
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
          className={`min-h-9 rounded-md px-2 py-1 ${current === l ? 'bg-brand-100 font-semibold text-brand-900' : 'text-slate-600 hover:bg-slate-100'}`}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
