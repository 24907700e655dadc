import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { redirect } from 'next/navigation';
import { Button, Card, Field, PageTitle, inputStyles } from '@/components/ui';
import { ZVerificationCode } from '@/lib/credentials/verification-code';
import { verifyXmlUploadAction } from './actions';
import { VerifySignatureForm } from './signature-form';
import { VerifyUploadForm } from './upload-form';

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<{ code?: string }>;
}) {
  const t = await getTranslations('verify');
  const te = await getTranslations('esign.verify');
  const { code } = await searchParams;
  let error: string | null = null;
  if (code !== undefined) {
    const parsed = ZVerificationCode.safeParse(code);
    if (parsed.success) redirect(`/verify/${encodeURIComponent(parsed.data)}?via=typed`);
    error = t('codeInvalid');
  }
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <Card>
        {/* A plain GET form: works without JavaScript, on any phone. */}
        <form action="/verify" method="get" className="space-y-4">
          <Field id="code" label={t('codeLabel')} error={error}>
            <input
              id="code"
              name="code"
              defaultValue={code ?? ''}
              autoComplete="off"
              autoCapitalize="characters"
              className={inputStyles}
              aria-invalid={Boolean(error)}
              required
            />
          </Field>
          <Button type="submit" className="w-full">
            {t('submit')}
          </Button>
        </form>
      </Card>
      <Card title={t('uploadTitle')} className="mt-6">
        <p className="mb-4 text-sm text-slate-600">{t('uploadIntro')}</p>
        <ClientMessages namespaces={['verify', 'errors', 'xmlReasons']}>
          <VerifyUploadForm check={verifyXmlUploadAction} />
        </ClientMessages>
      </Card>
      <Card title={te('title')} className="mt-6">
        <p className="mb-4 text-sm text-slate-600">{te('intro')}</p>
        <ClientMessages namespaces={['esign', 'errors']}>
          <VerifySignatureForm />
        </ClientMessages>
        <p className="mt-4 text-xs text-slate-500">
          <a href="/api/esign/ca" className="underline" data-testid="esign-ca">
            {te('caLink')}
          </a>
        </p>
      </Card>
      <p className="mt-6 text-sm text-slate-600">
        <a href="/api/offline-kit" className="underline" data-testid="offline-kit">
          {t('offlineKit')}
        </a>
      </p>
    </div>
  );
}
