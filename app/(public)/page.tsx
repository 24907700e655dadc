import { getTranslations } from 'next-intl/server';
import { ButtonLink, Card } from '@/components/ui';

export default async function HomePage() {
  const t = await getTranslations('home');
  const directory = await getTranslations('sharing.directory');
  const audiences = [
    { key: 'citizen', href: '/locker' },
    { key: 'institution', href: '/institution' },
    { key: 'courses', href: '/courses' },
    { key: 'verifier', href: '/verifier' },
  ] as const;
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-gradient-to-br from-brand-700 to-brand-900 px-6 py-10 text-white sm:px-10 sm:py-14">
        <h1 className="max-w-3xl text-3xl font-semibold leading-tight sm:text-4xl">
          {t('heroTitle')}
        </h1>
        <p className="mt-4 max-w-2xl text-brand-50/90 sm:text-lg">{t('heroBody')}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/sign-in" className="bg-white !text-brand-900 hover:bg-brand-50">
            {t('getStarted')}
          </ButtonLink>
          <ButtonLink
            href="/verify"
            variant="secondary"
            className="!border-white/40 !bg-transparent !text-white hover:!bg-white/10"
          >
            {t('verifyCta')}
          </ButtonLink>
        </div>
      </section>

      <section>
        <h2 className="mb-4 text-xl font-semibold">{t('whoTitle')}</h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {audiences.map((a) => (
            <Card key={a.key} title={t(`${a.key}Title`)} className="flex flex-col">
              <p className="flex-1 text-sm text-slate-600">{t(`${a.key}Body`)}</p>
              <ButtonLink href={a.href} variant="secondary" className="mt-4">
                {t(`${a.key}Cta`)}
              </ButtonLink>
              {a.key === 'institution' ? (
                <div className="mt-3 flex flex-col gap-1 text-sm">
                  <a href="/institution/register" className="text-brand-700 underline">
                    {t('institutionRegister')}
                  </a>
                  <a href="/institution/template" className="text-brand-700 underline">
                    {t('institutionGuide')}
                  </a>
                </div>
              ) : null}
            </Card>
          ))}
        </div>
      </section>

      <section>
        <h2 className="mb-4 text-xl font-semibold">{t('howTitle')}</h2>
        <ol className="grid gap-4 sm:grid-cols-3">
          {(['step1', 'step2', 'step3'] as const).map((s, i) => (
            <li key={s} className="flex gap-3 rounded-xl border border-slate-200 bg-white p-4">
              <span className="grid h-8 w-8 shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-900">
                {i + 1}
              </span>
              <span className="text-sm text-slate-700">{t(s)}</span>
            </li>
          ))}
        </ol>
        <p className="mt-4 text-sm">
          <a href="/directory" className="text-brand-700 underline">
            {directory('homeLink')}
          </a>
        </p>
      </section>
    </div>
  );
}
