import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { CertificateStatusBadge } from '@/components/credentials/status-badge';
import { Alert, Card, PageTitle } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';
import { getProfile } from '@/lib/identity/users';
import { listIssuedDocuments } from '@/lib/locker/issued';

export default async function LockerPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const { user } = await requirePageAccess('locker.view', { next: '/locker' });
  const { page: asked } = await searchParams;
  const [profile, issued, t, tl, tc, dates] = await Promise.all([
    getProfile(user.id),
    listIssuedDocuments(getDb(), { userId: user.id, page: Number(asked) || 1 }),
    getTranslations('lockerDocs'),
    getTranslations('locker'),
    getTranslations(),
    getDates(),
  ]);
  const incomplete = !profile.name || !profile.dob || !profile.gender;
  return (
    <div className="space-y-6" data-testid="area-locker">
      <PageTitle sub={user.mobile ? `${tl('mobile')}: +91 ${user.mobile}` : undefined}>
        {profile.name ? tl('welcome', { name: profile.name }) : tl('title')}
      </PageTitle>
      {incomplete ? (
        <Alert kind="info">
          <span data-testid="profile-prompt">
            {t('profilePrompt')}{' '}
            <Link className="font-medium underline" href="/locker/profile">
              {t('profilePromptLink')}
            </Link>
          </span>
        </Alert>
      ) : null}
      <Card title={t('title')}>
        {issued.total === 0 ? (
          <div
            className="space-y-3 rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-700"
            data-testid="issued-empty"
          >
            <p className="font-medium">{t('empty.title')}</p>
            <p>{t('empty.intro')}</p>
            <ul className="list-disc space-y-2 pl-5">
              <li>{t('empty.publish')}</li>
              <li>
                {t('empty.claim')}{' '}
                <Link className="underline" href="/locker/claim">
                  {t('empty.claimLink')}
                </Link>
              </li>
              <li>
                {t('empty.aadhaar')}{' '}
                <Link className="underline" href="/locker/profile">
                  {t('empty.aadhaarLink')}
                </Link>
              </li>
            </ul>
          </div>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600" data-testid="issued-total">
              {t('total', { count: issued.total })}
            </p>
            <ul className="divide-y divide-slate-100" data-testid="issued-documents">
              {issued.rows.map((c) => (
                <li key={c.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link className="font-medium underline" href={`/locker/documents/${c.id}`}>
                      {c.title}
                    </Link>
                    <CertificateStatusBadge
                      status={c.live}
                      label={tc(`certStatus.${c.live}` as 'certStatus.valid')}
                    />
                  </div>
                  <p className="text-sm text-slate-600">
                    {c.issuerName} · {c.docType} · {c.number}
                    {c.version > 1 ? ` · ${t('version', { version: c.version })}` : ''}
                  </p>
                  <p className="text-sm text-slate-500">
                    {t('issuedOn', { date: dates.date(c.issueDate) ?? '' })}
                  </p>
                  <p className="text-xs text-emerald-800" data-testid="trust-label">
                    {t('trust', { issuer: c.issuerName })}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-3 text-sm">
                    <a className="underline" href={`/api/certificates/${c.id}/pdf`}>
                      {tl('download')}
                    </a>
                    <a className="underline" href={`/api/certificates/${c.id}/xml`}>
                      {tl('downloadXml')}
                    </a>
                    <Link className="underline" href={`/verify/${c.verificationCode}`}>
                      {tl('verifyLink')}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
            <div className="mt-4">
              <PageLinks
                page={issued.page}
                pages={issued.pages}
                href={(p) => (p > 1 ? `/locker?page=${p}` : '/locker')}
              />
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
