import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/ui';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <div className="mx-auto max-w-lg py-12 text-center">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-3 text-slate-600">{t('body')}</p>
      <ButtonLink href="/" className="mt-6">
        {t('home')}
      </ButtonLink>
    </div>
  );
}
