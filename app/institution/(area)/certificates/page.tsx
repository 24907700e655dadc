import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { IssuedCertificateList } from '@/components/credentials/issued-certificate-list';
import { ButtonLink, Card, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { listRegister } from '@/lib/credentials/register';
import { formatDate } from '@/lib/i18n/format';
import { actingInstitution } from '@/lib/institutions/acting';

export default async function CertificateRegisterPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess('institution.view', {
    next: '/institution/certificates',
  });
  const params = await searchParams;
  const q = (params.q ?? '').trim().slice(0, 100);
  const org = await actingInstitution(user, 'institution.view').catch(() => notFound());
  const register = await listRegister(getDb(), {
    issuerOrgId: org.id,
    q,
    page: Number(params.page) || 1,
  });
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const query = (page: number) => {
    const s = new URLSearchParams();
    if (q) s.set('q', q);
    if (page > 1) s.set('page', String(page));
    return s.size ? `?${s}` : '';
  };
  const { rows, matching, total, page, pages } = register;
  return (
    <div className="space-y-6" data-testid="certificate-register">
      <PageTitle sub={t('certificateRegister.intro')}>{t('certificateRegister.title')}</PageTitle>
      <Card title={org.name || t('certificateRegister.title')}>
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <SearchForm
            name="q"
            label={t('institution.search')}
            button={t('institution.searchButton')}
            defaultValue={q}
            className="w-full sm:w-auto sm:flex-1"
          />
          {total > 0 ? (
            <ButtonLink
              href={`/api/institution/certificates.csv${query(1)}`}
              variant="secondary"
              prefetch={false}
            >
              {q ? t('certificateRegister.downloadMatching') : t('certificateRegister.download')}
            </ButtonLink>
          ) : null}
        </div>
        <p className="mb-2 text-sm text-slate-600" data-testid="register-total">
          {q
            ? t('certificateRegister.matching', { matching, total })
            : t('certificateRegister.total', { total })}
        </p>
        {rows.length === 0 ? (
          <EmptyState>
            {q ? t('certificateRegister.noMatch') : t('institution.certificatesEmpty')}
          </EmptyState>
        ) : (
          <IssuedCertificateList
            items={rows.map((c) => ({ ...c, issued: formatDate(locale, c.issueDate) }))}
            statusLabel={(live) => t(`certStatus.${live}` as 'certStatus.valid')}
          />
        )}
        <div className="mt-4">
          <PageLinks
            page={page}
            pages={pages}
            href={(p) => `/institution/certificates${query(p)}`}
          />
        </div>
      </Card>
    </div>
  );
}
