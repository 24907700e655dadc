'use client';

import { useTranslations } from 'next-intl';

/** The words for a field error key from the shared zod schemas (`onboardingErrors.*`). */
export function useFieldError(): (key?: string) => string | undefined {
  const t = useTranslations('onboardingErrors');
  return (key) => (key ? (t.has(key) ? t(key as 'invalid') : t('invalid')) : undefined);
}
