import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CertificateStatusBadge } from '@/components/credentials/status-badge';
import { Alert, ButtonLink, Card, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { grantingMemberships } from '@/lib/auth/permissions';
import { getIssuerCertificate } from '@/lib/credentials/queries';
import { NotFoundError } from '@/lib/errors';
import { getRequestContext } from '@/lib/http/request-context';
import { actingInstitution } from '@/lib/institutions/acting';
import { readDocument } from '@/lib/locker/access';
import { getDb } from '@/db/client';
import { revokeCertificateAction } from './actions';
import { RevokeForm } from './revoke-form';

export default async function InstitutionCertificatePage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const { user } = await requirePageAccess('institution.view', {
    next: `/institution/certificates/${id}`,
  });
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const { id: orgId } = await actingInstitution(user, 'institution.view').catch(() => notFound());
  // Scoped to this institution: another institution's id is simply not found.
  const found = await getIssuerCertificate({ issuerOrgId: orgId, id }).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  // Staff opening a certificate that is in someone's locker: the holder sees it in the access log.
  await readDocument(getDb(), {
    reader: { kind: 'user', userId: user.id, memberships: user.memberships },
    target: { certificateId: id },
    action: 'view',
    ip: (await getRequestContext()).ip,
  });
  const t = await getTranslations();
  const { row, live, history } = found;
  const canRevoke = grantingMemberships(user.memberships, 'certificates.revoke', orgId).length > 0;
  return (
    <div className="space-y-6">
      <Link href="/institution/certificates" className="text-sm underline">
        ← {t('institution.back')}
      </Link>
      <PageTitle sub={`${row.title} · ${row.recipientName}`}>{row.number}</PageTitle>
      <Card title={t('institution.details')}>
        <div className="flex flex-wrap items-center gap-3">
          <CertificateStatusBadge status={live} label={t(`certStatus.${live}`)} />
          {row.statusReason ? (
            <span className="text-sm text-slate-600">{row.statusReason}</span>
          ) : null}
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <ButtonLink href={`/api/certificates/${row.id}/pdf`} variant="secondary" prefetch={false}>
            {t('institution.downloadPdf')}
          </ButtonLink>
          <ButtonLink href={`/api/certificates/${row.id}/xml`} variant="secondary" prefetch={false}>
            {t('institution.downloadXml')}
          </ButtonLink>
          <ButtonLink href={`/verify/${row.verificationCode}`} variant="secondary">
            {t('institution.openVerify')}
          </ButtonLink>
        </div>
        <p className="mt-3 font-mono text-xs text-slate-500">{row.uri}</p>
      </Card>
      {history.length > 1 ? (
        <Card title={t('institution.history')}>
          <ul className="space-y-2">
            {history.map((h) => (
              <li key={h.id} className="flex items-center gap-3 text-sm">
                <span className="font-mono">v{h.version}</span>
                <Link href={`/institution/certificates/${h.id}`} className="underline">
                  {h.verificationCode}
                </Link>
                <CertificateStatusBadge status={h.live} label={t(`certStatus.${h.live}`)} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {live === 'valid' || live === 'suspended' ? (
        <Card title={t('institution.revokeTitle')}>
          <p className="mb-3 text-sm text-slate-600">{t('institution.revokeIntro')}</p>
          {canRevoke ? (
            <ClientMessages namespaces={['institution', 'confirm', 'errors']}>
              <RevokeForm
                orgId={orgId}
                certificateId={row.id}
                number={row.number}
                revoke={revokeCertificateAction}
              />
            </ClientMessages>
          ) : (
            <Alert kind="info">{t('institution.revokeNotAllowed')}</Alert>
          )}
        </Card>
      ) : null}
    </div>
  );
}
