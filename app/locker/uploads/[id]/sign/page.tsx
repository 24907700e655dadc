import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Alert, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { maskedChannels, openForSigning } from '@/lib/esign/sign-page';
import { NotFoundError } from '@/lib/errors';
import { getRequestContext } from '@/lib/http/request-context';
import { getDates } from '@/lib/i18n/page-dates';
import { requestEsignCodeAction, signFileAction } from './actions';
import { SignForm } from './sign-form';

export default async function SignUploadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user } = await requirePageAccess('locker.view', { next: `/locker/uploads/${id}/sign` });
  const t = await getTranslations('esign');
  const dates = await getDates();
  const { ip } = await getRequestContext();
  let page;
  try {
    page = await openForSigning(getDb(), {
      userId: user.id,
      memberships: user.memberships,
      ip,
      fileId: id,
    });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { file, signatures, signerName } = page;
  const latest = signatures[0];
  const base = `/locker/uploads/${file.id}/sign/download`;
  const link = 'font-semibold text-brand-700 underline';
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageTitle sub={t('intro', { name: signerName ?? '—' })}>
        {t('pageTitle', { name: file.name })}
      </PageTitle>
      <p className="text-sm text-slate-600">
        {file.isPdf ? t('fileKindPdf') : t('fileKindImage')} · {t('size')}{' '}
        {(file.size / 1024).toFixed(0)} KB ·{' '}
        <a href="/locker/uploads" className="underline">
          {t('back')}
        </a>
      </p>
      <Card title={t('previousSignatures')}>
        {latest ? (
          <div className="space-y-3" data-testid="esign-signed">
            <ul className="space-y-1 text-sm">
              {signatures.map((s) => (
                <li key={s.id}>
                  {t('signedOn', { name: s.signerName, when: dates.timestamp(s.createdAt) })}
                </li>
              ))}
            </ul>
            {latest.kind === 'pades' ? (
              <>
                <a className={link} href={`${base}?part=signed`} data-testid="esign-download">
                  {t('downloadSigned')}
                </a>
                <p className="text-sm text-slate-600">{t('pdfHint')}</p>
              </>
            ) : (
              <>
                <div className="flex flex-col gap-2 sm:flex-row sm:gap-4">
                  <a className={link} href={`${base}?part=image`}>
                    {t('downloadImage')}
                  </a>
                  <a className={link} href={`${base}?part=signature`} data-testid="esign-download">
                    {t('downloadSignature')}
                  </a>
                </div>
                <p className="text-sm text-slate-600">{t('imageHint')}</p>
              </>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-600">{t('none')}</p>
        )}
      </Card>
      <Card>
        {signerName ? (
          <ClientMessages namespaces={['esign', 'errors']}>
            <SignForm
              fileId={file.id}
              channels={maskedChannels(user).map((c) => ({
                via: c.via,
                label:
                  c.via === 'mobile'
                    ? t('viaMobile', { value: c.masked })
                    : t('viaEmail', { value: c.masked }),
              }))}
              requestCode={requestEsignCodeAction}
              sign={signFileAction}
            />
          </ClientMessages>
        ) : (
          <Alert kind="info">
            {t('noName')}{' '}
            <a href="/locker/profile" className="font-semibold underline">
              {t('noNameLink')}
            </a>
          </Alert>
        )}
      </Card>
    </div>
  );
}
