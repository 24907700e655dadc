import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { grantingMemberships } from '@/lib/auth/permissions';
import { getDates } from '@/lib/i18n/page-dates';
import { actingInstitution } from '@/lib/institutions/acting';
import { CORRECTIONS_PAGE_SIZE, listIssuerCorrections } from '@/lib/locker/corrections';
import { answerCorrectionAction } from './actions';
import { AnswerForm } from './answer-form';

const TONE = { open: 'amber', answered: 'green', fixed: 'green', withdrawn: 'slate' } as const;

export default async function InstitutionCorrectionsPage({
  searchParams,
}: {
  searchParams: Promise<{ all?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess('institution.view', {
    next: '/institution/corrections',
  });
  const org = await actingInstitution(user, 'institution.view').catch(() => notFound());
  const { all, page: pageParam } = await searchParams;
  const showAll = all === '1';
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  // Owners answer; operators see the requests.
  const canAnswer = grantingMemberships(user.memberships, 'institution.manage', org.id).length > 0;
  const [{ rows, total }, dates, t] = await Promise.all([
    listIssuerCorrections(getDb(), {
      issuerOrgId: org.id,
      status: showAll ? ['open', 'answered', 'fixed', 'withdrawn'] : ['open'],
      page,
    }),
    getDates(),
    getTranslations('sharing.corrections'),
  ]);
  const pages = Math.max(1, Math.ceil(total / CORRECTIONS_PAGE_SIZE));
  const href = (p: number) => `/institution/corrections?${showAll ? 'all=1&' : ''}page=${p}`;
  return (
    <div className="space-y-6" data-testid="institution-corrections">
      <PageTitle sub={t('issuerIntro')}>{t('issuerTitle')}</PageTitle>
      <nav className="flex gap-4 text-sm" aria-label={t('issuerTitle')}>
        <Link
          href="/institution/corrections"
          aria-current={showAll ? undefined : 'page'}
          className={showAll ? 'text-brand-700 underline' : 'font-semibold'}
        >
          {t('showOpen')}
        </Link>
        <Link
          href="/institution/corrections?all=1"
          aria-current={showAll ? 'page' : undefined}
          className={showAll ? 'font-semibold' : 'text-brand-700 underline'}
        >
          {t('showAll')}
        </Link>
      </nav>
      <Card title={org.name || t('issuerTitle')}>
        {rows.length === 0 ? (
          <EmptyState>{t('issuerEmpty')}</EmptyState>
        ) : (
          <ClientMessages namespaces={['sharing', 'errors']}>
            <ul className="divide-y divide-slate-100" data-testid="issuer-correction-list">
              {rows.map((r) => (
                <li key={r.id} className="space-y-2 py-4" data-status={r.status}>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Badge tone={TONE[r.status]}>{t(`states.${r.status}`)}</Badge>
                    <Link
                      href={`/institution/certificates/${r.certificateId}`}
                      className="font-medium break-all text-brand-700 underline"
                    >
                      {r.certificateTitle} ({r.certificateNumber})
                    </Link>
                    <span className="text-sm text-slate-600">
                      {t('from', { name: r.recipientName })} ·{' '}
                      {t('asked', { time: dates.timestamp(r.createdAt) })}
                    </span>
                  </div>
                  <dl className="space-y-1 text-sm">
                    <div>
                      <dt className="font-medium text-slate-700">{t('whatIsWrong')}</dt>
                      <dd className="whitespace-pre-wrap break-words">{r.whatIsWrong}</dd>
                    </div>
                    <div>
                      <dt className="font-medium text-slate-700">{t('shouldSay')}</dt>
                      <dd className="whitespace-pre-wrap break-words">{r.shouldSay}</dd>
                    </div>
                    {r.answer ? (
                      <div className="rounded-lg bg-slate-50 p-3">
                        <dt className="font-medium text-slate-700">{t('answer')}</dt>
                        <dd className="whitespace-pre-wrap break-words">{r.answer}</dd>
                      </div>
                    ) : null}
                  </dl>
                  {canAnswer && (r.status === 'open' || r.status === 'answered') ? (
                    <AnswerForm id={r.id} orgId={org.id} answer={answerCorrectionAction} />
                  ) : null}
                </li>
              ))}
            </ul>
          </ClientMessages>
        )}
        {!canAnswer && rows.length > 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('ownerOnly')}</p>
        ) : null}
        <div className="mt-4">
          <PageLinks page={page} pages={pages} href={href} />
        </div>
      </Card>
    </div>
  );
}
