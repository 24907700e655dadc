'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { PublicError } from '@/lib/errors';

/**
 * The words for an action's error: the server's specific message in English, the translated
 * kind of error in other languages, and for anything unexpected the reference to quote.
 */
export function useErrorText(): (e: Pick<PublicError, 'key' | 'message' | 'ref'>) => string {
  const t = useTranslations('errors');
  const locale = useLocale();
  return (e) =>
    e.key === 'unexpected'
      ? t('unexpected', { ref: e.ref ?? '' })
      : locale === 'en'
        ? e.message
        : t(e.key);
}
