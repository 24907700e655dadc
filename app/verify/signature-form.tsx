'use client';

import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { SignatureCheck } from '@/lib/esign/verify-signature';
import { formatTimestamp } from '@/lib/i18n/format';

const MAX_MB = 12;
const fileInput = `${inputStyles} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`;

/** Check an e-signed PDF, or an image with its .p7s (posted to /api/esign/verify). */
export function VerifySignatureForm() {
  const t = useTranslations('esign.verify');
  const te = useTranslations('errors');
  const locale = useLocale();
  const timeZone = useTimeZone();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SignatureCheck | null>(null);

  async function onSubmit(form: FormData) {
    setError(null);
    setResult(null);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setError(t('noFile'));
    if (file.size > MAX_MB * 1024 * 1024) return setError(t('tooLarge'));
    setPending(true);
    try {
      const res = await fetch('/api/esign/verify', { method: 'POST', body: form });
      const body = (await res.json()) as SignatureCheck & {
        error?: string;
        message?: string;
        ref?: string;
        fieldErrors?: Record<string, string>;
      };
      if (res.ok) return setResult(body);
      const field = Object.values(body.fieldErrors ?? {})[0];
      setError(
        field
          ? t(field as 'noFile')
          : body.error === 'unexpected'
            ? te('unexpected', { ref: body.ref ?? '' })
            : te((body.error ?? 'unexpected') as 'invalid'),
      );
    } catch {
      setError(te('unexpected', { ref: '' }));
    } finally {
      setPending(false);
    }
  }

  const yesNo = (v: boolean | null, yes: string, no: string) =>
    v === null ? t('unknown') : v ? yes : no;

  return (
    <form action={onSubmit} className="space-y-4">
      <Field id="signed-file" label={t('fileLabel', { mb: MAX_MB })}>
        <input
          id="signed-file"
          name="file"
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,.gif,.bmp,application/pdf,image/*"
          className={fileInput}
        />
      </Field>
      <Field id="signature-file" label={t('signatureLabel')}>
        <input
          id="signature-file"
          name="signature"
          type="file"
          accept=".p7s,application/pkcs7-signature"
          className={fileInput}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t('checking') : t('button')}
      </Button>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {result ? (
        <div data-testid="signature-result" data-valid={String(result.valid)}>
          <Alert kind={result.valid ? 'success' : 'error'}>
            <strong className="block">{result.valid ? t('valid') : t('invalid')}</strong>
            {result.reason ? <span className="block">{t(`reasons.${result.reason}`)}</span> : null}
            <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
              <dt className="font-medium">{t('signedBy')}</dt>
              <dd data-testid="signature-signer">{result.signerName ?? t('unknown')}</dd>
              <dt className="font-medium">{t('signedAt')}</dt>
              <dd>
                {result.signedAt
                  ? formatTimestamp(locale, result.signedAt, timeZone)
                  : t('unknown')}
              </dd>
              <dt className="font-medium">{t('unchanged')}</dt>
              <dd>{yesNo(result.unchanged, t('unchangedYes'), t('unchangedNo'))}</dd>
              <dt className="font-medium">{t('fromSanad')}</dt>
              <dd>{yesNo(result.fromSanad, t('yes'), t('no'))}</dd>
            </dl>
          </Alert>
        </div>
      ) : null}
    </form>
  );
}
