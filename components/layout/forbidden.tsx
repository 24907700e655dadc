import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/ui';

export async function Forbidden({ home }: { home: string }) {
  const t = await getTranslations('forbidden');
  return (
    <div className="mx-auto max-w-lg py-12 text-center" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-3 text-slate-600">{t('body')}</p>
      <ButtonLink href={home} className="mt-6">
        {t('goHome')}
      </ButtonLink>
    </div>
  );
}
