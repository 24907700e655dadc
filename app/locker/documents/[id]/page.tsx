import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { CertificateStatusBadge } from '@/components/credentials/status-badge';
import { Alert, ButtonLink, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { NotFoundError } from '@/lib/errors';
import { getRequestContext } from '@/lib/http/request-context';
import { getDates } from '@/lib/i18n/page-dates';
import { getIssuedDocument } from '@/lib/locker/issued';

export default async function IssuedDocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, memberships } = await requirePageAccess('locker.view', {
    next: `/locker/documents/${id}`,
  });
  const { ip } = await getRequestContext();
  const doc = await getIssuedDocument(getDb(), { userId: user.id, memberships, id, ip }).catch(
    (e: unknown) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)),
  );
  const [t, tc, dates] = await Promise.all([
    getTranslations('lockerDocs'),
    getTranslations(),
    getDates(),
  ]);
  const changedOn = doc.statusChangedAt ? dates.day(doc.statusChangedAt) : '';
  const statusNote =
    doc.live === 'revoked' || doc.live === 'superseded' || doc.live === 'suspended'
      ? t(`detail.${doc.live}`, { date: changedOn })
      : doc.live === 'expired'
        ? t('detail.expired')
        : null;
  const rows: [string, ReactNode][] = [
    [t('detail.issuer'), doc.issuerName],
    [t('detail.docType'), `${doc.title} (${doc.docType})`],
    [t('detail.number'), doc.number],
    [t('detail.versionLabel'), doc.version],
    [t('detail.name'), doc.recipientName],
    ...(doc.award ? [[t('detail.award'), doc.award] as [string, ReactNode]] : []),
    [t('detail.issueDate'), dates.date(doc.issueDate)],
    ...(doc.validFrom
      ? [[t('detail.validFrom'), dates.date(doc.validFrom)] as [string, ReactNode]]
      : []),
    ...(doc.expiryDate
      ? [[t('detail.expiryDate'), dates.date(doc.expiryDate)] as [string, ReactNode]]
      : []),
    [
      t('detail.uri'),
      <span key="uri" className="break-all font-mono text-xs">
        {doc.uri}
      </span>,
    ],
    [
      t('detail.code'),
      <span key="code" className="font-mono">
        {doc.verificationCode}
      </span>,
    ],
  ];
  return (
    <div className="space-y-6" data-testid="issued-document">
      <Link className="text-sm underline" href="/locker">
        ← {t('detail.back')}
      </Link>
      <PageTitle sub={t('trust', { issuer: doc.issuerName })}>{doc.title}</PageTitle>
      {statusNote ? (
        <Alert kind={doc.live === 'expired' ? 'info' : 'error'}>
          <span data-testid="status-note">
            {statusNote}
            {doc.statusReason ? ` ${t('detail.reason', { reason: doc.statusReason })}` : ''}
            {doc.newer ? (
              <>
                {' '}
                <Link className="font-medium underline" href={doc.newer.href}>
                  {doc.newer.inLocker ? t('detail.newerHere') : t('detail.newerElsewhere')}
                </Link>
              </>
            ) : null}
          </span>
        </Alert>
      ) : null}
      <Card>
        <div className="mb-4 flex items-center gap-2">
          <span className="text-sm font-medium text-slate-700">{t('detail.status')}</span>
          <CertificateStatusBadge
            status={doc.live}
            label={tc(`certStatus.${doc.live}` as 'certStatus.valid')}
          />
        </div>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-sm text-slate-500">{label}</dt>
              <dd className="text-sm text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t('detail.downloads')}>
        <div className="flex flex-wrap gap-3">
          <ButtonLink variant="secondary" href={`/api/certificates/${doc.id}/pdf`} prefetch={false}>
            {t('detail.pdf')}
          </ButtonLink>
          <ButtonLink variant="secondary" href={`/api/certificates/${doc.id}/xml`} prefetch={false}>
            {t('detail.xml')}
          </ButtonLink>
          <ButtonLink variant="secondary" href={`/verify/${doc.verificationCode}`}>
            {t('detail.verify')}
          </ButtonLink>
        </div>
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink href={`/locker/shares?new=certificate:${doc.id}`}>
            {t('detail.share')}
          </ButtonLink>
          <ButtonLink variant="secondary" href={`/locker/documents/${doc.id}/correction`}>
            {t('detail.correction')}
          </ButtonLink>
        </div>
      </Card>
    </div>
  );
}
