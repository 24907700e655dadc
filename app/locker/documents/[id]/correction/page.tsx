import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { NotFoundError } from '@/lib/errors';
import { getDates } from '@/lib/i18n/page-dates';
import { holderCertificate, listMyCorrections } from '@/lib/locker/corrections';
import { issuerNameOf } from '@/lib/locker/issuers';
import { getRequestContext } from '@/lib/http/request-context';
import { requestCorrectionAction, withdrawCorrectionAction } from './actions';
import { CorrectionForm } from './correction-form';
import { WithdrawButton } from './withdraw-button';

const TONE = { open: 'amber', answered: 'green', fixed: 'green', withdrawn: 'slate' } as const;

export default async function CorrectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user } = await requirePageAccess('locker.view', {
    next: `/locker/documents/${id}/correction`,
  });
  const db = getDb();
  // Only the holder: another's document (or an issuer's staff) is not found here.
  const doc = await holderCertificate(
    db,
    { userId: user.id, memberships: user.memberships },
    id,
    (await getRequestContext()).ip,
  ).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const [requests, issuer, dates, t] = await Promise.all([
    listMyCorrections(db, { userId: user.id, certificateId: doc.id }),
    issuerNameOf(db, doc.issuerOrgId),
    getDates(),
    getTranslations('sharing.corrections'),
  ]);
  const document = `${doc.title} (${doc.number})`;
  return (
    <div className="space-y-6" data-testid="correction-page">
      <PageTitle sub={t('intro', { document, issuer })}>{t('title')}</PageTitle>
      <p className="text-sm">
        <Link href={`/locker/documents/${doc.id}`} className="text-brand-700 underline">
          ← {t('back')}
        </Link>
      </p>
      <Card>
        <ClientMessages namespaces={['sharing', 'errors']}>
          <CorrectionForm certificateId={doc.id} issuer={issuer} send={requestCorrectionAction} />
        </ClientMessages>
      </Card>
      <Card title={t('earlier')}>
        {requests.length === 0 ? (
          <EmptyState>{t('none')}</EmptyState>
        ) : (
          <ClientMessages namespaces={['sharing', 'errors']}>
            <ul className="divide-y divide-slate-100" data-testid="correction-list">
              {requests.map((r) => (
                <li key={r.id} className="space-y-2 py-3" data-status={r.status}>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Badge tone={TONE[r.status]}>{t(`states.${r.status}`)}</Badge>
                    <span className="text-sm text-slate-600">
                      {t('asked', { time: dates.timestamp(r.createdAt) })}
                    </span>
                    {r.status === 'open' ? (
                      <span className="ml-auto">
                        <WithdrawButton id={r.id} withdraw={withdrawCorrectionAction} />
                      </span>
                    ) : null}
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
                        <dt className="font-medium text-slate-700">
                          {t('answer')}
                          {r.answeredAt
                            ? ` · ${t('answeredAt', { time: dates.timestamp(r.answeredAt) })}`
                            : ''}
                        </dt>
                        <dd className="whitespace-pre-wrap break-words">{r.answer}</dd>
                      </div>
                    ) : null}
                  </dl>
                </li>
              ))}
            </ul>
          </ClientMessages>
        )}
      </Card>
    </div>
  );
}
