'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { UploadCheck } from '@/lib/credentials/public-verification';
import type { ActionResult } from '@/lib/http/action';

const MAX = 1024 * 1024;

export function VerifyUploadForm({
  check,
}: {
  check: (form: FormData) => Promise<ActionResult<UploadCheck>>;
}) {
  const t = useTranslations();
  const [pending, start] = useTransition();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<UploadCheck | null>(null);

  function onSubmit(form: FormData) {
    setError(null);
    setResult(null);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setError(t('verify.uploadNoFile'));
    if (file.size > MAX) return setError(t('verify.uploadTooLarge'));
    start(async () => {
      const r = await check(form);
      if (r.ok) return setResult(r.data);
      const key = r.error.fieldErrors?.file;
      setError(key ? t(`verify.${key}` as 'verify.uploadNoFile') : errorText(r.error));
    });
  }

  return (
    <form action={onSubmit} className="space-y-4">
      <Field id="file" label={t('verify.uploadLabel')} error={error}>
        <input
          id="file"
          name="file"
          type="file"
          accept=".xml,application/xml,text/xml"
          className={`${inputStyles} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? t('verify.uploadChecking') : t('verify.uploadButton')}
      </Button>
      {result ? (
        result.genuine ? (
          <div data-testid="upload-result" data-genuine="true" className="space-y-2">
            <Alert kind={result.live && result.live.status === 'valid' ? 'success' : 'error'}>
              <strong className="block">
                {t('verify.uploadGenuine', {
                  issuer: `${result.issuerName} (${result.issuerCode})`,
                })}
              </strong>
              {result.title} · {result.number} · {result.recipientName}
              <span className="mt-1 block">
                {result.live ? (
                  <>
                    {t('verify.uploadLiveStatus')}:{' '}
                    <Link
                      className="font-semibold underline"
                      href={`/verify/${result.live.verificationCode}?via=typed`}
                      data-testid="upload-live-status"
                    >
                      {t(
                        `verify.status${result.live.status[0]!.toUpperCase()}${result.live.status.slice(1)}` as 'verify.statusValid',
                      )}
                    </Link>
                  </>
                ) : (
                  t('verify.uploadUnknownRecord')
                )}
              </span>
            </Alert>
          </div>
        ) : (
          <div data-testid="upload-result" data-genuine="false">
            <Alert kind="error">
              <strong className="block">{t('verify.uploadInvalid')}</strong>
              {t(`xmlReasons.${result.reason}` as 'xmlReasons.bad-signature')}
            </Alert>
          </div>
        )
      ) : null}
    </form>
  );
}
