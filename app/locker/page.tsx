import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { CertificateStatusBadge } from '@/components/credentials/status-badge';
import { listLockerCertificates } from '@/lib/credentials/queries';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';
import { getProfile } from '@/lib/identity/users';

export default async function LockerPage() {
  const { user } = await requirePageAccess('locker.view', { next: '/locker' });
  const [profile, issued] = await Promise.all([
    getProfile(user.id),
    listLockerCertificates({ userId: user.id }),
  ]);
  const t = await getTranslations('locker');
  const tc = await getTranslations();
  const dates = await getDates();
  return (
    <div className="space-y-6" data-testid="area-locker">
      <PageTitle sub={user.mobile ? `${t('mobile')}: +91 ${user.mobile}` : undefined}>
        {profile.name ? t('welcome', { name: profile.name }) : t('title')}
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('issuedTitle')}>
          {issued.length === 0 ? (
            <EmptyState>{t('issuedEmpty')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="issued-documents">
              {issued.map((c) => (
                <li key={c.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{c.title}</span>
                    <CertificateStatusBadge status={c.live} label={tc(`certStatus.${c.live}`)} />
                  </div>
                  <p className="text-sm text-slate-500">
                    {c.number} · {dates.date(c.issueDate)}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-3 text-sm">
                    <a className="underline" href={`/api/certificates/${c.id}/pdf`}>
                      {t('download')}
                    </a>
                    <a className="underline" href={`/api/certificates/${c.id}/xml`}>
                      {t('downloadXml')}
                    </a>
                    <Link className="underline" href={`/verify/${c.verificationCode}`}>
                      {t('verifyLink')}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('uploadedTitle')}>
          <EmptyState>{t('uploadedEmpty')}</EmptyState>
        </Card>
      </div>
    </div>
  );
}
