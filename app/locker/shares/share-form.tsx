'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import { formatTimestamp } from '@/lib/i18n/format';
import type { CreatedShareLink } from './actions';

type Option = { value: string; label: string; kind: 'certificate' | 'file' };

const HOURS = [1, 24, 168, 720] as const;

// The server's field error keys, in this page's words.
const FIELD_TEXT: Record<string, string> = {
  shareDuration: 'errorDuration',
  shareTarget: 'errorTarget',
  sharePurposeLong: 'errorPurpose',
};

export function ShareForm({
  options,
  preselected,
  create,
  formatTime,
}: {
  options: Option[];
  preselected: string | null;
  create: (input: unknown) => Promise<ActionResult<CreatedShareLink>>;
  formatTime: { locale: string; timeZone: string };
}) {
  const t = useTranslations('sharing.shares');
  const errorText = useErrorText();
  const router = useRouter();
  const id = useId();
  const [target, setTarget] = useState(preselected ?? '');
  const [hours, setHours] = useState<number>(24);
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, start] = useTransition();

  const certificates = options.filter((o) => o.kind === 'certificate');
  const files = options.filter((o) => o.kind === 'file');

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFailure(null);
    setCopied(false);
    start(async () => {
      const r = await create({ target, hours, purpose });
      if (r.ok) {
        setCreated(r.data);
        setPurpose('');
        router.refresh();
        return;
      }
      const fields = r.error.fieldErrors ?? {};
      if (Object.keys(fields).length > 0)
        setErrors(
          Object.fromEntries(
            Object.entries(fields).map(([k, v]) => [k, t(FIELD_TEXT[v] ?? 'errorTarget')]),
          ),
        );
      else setFailure(r.error.key === 'notFound' ? t('errorNotFound') : errorText(r.error));
    });
  }

  const until = created
    ? formatTimestamp(formatTime.locale, created.expiresAt, formatTime.timeZone)
    : '';

  return (
    <div className="space-y-4">
      <form onSubmit={submit} noValidate className="space-y-4" data-testid="share-form">
        <Field id={`${id}-doc`} label={t('document')} error={errors.target}>
          <select
            id={`${id}-doc`}
            name="target"
            className={inputStyles}
            value={target}
            aria-invalid={Boolean(errors.target)}
            onChange={(e) => setTarget(e.target.value)}
            required
          >
            <option value="">{t('chooseDocument')}</option>
            {certificates.length > 0 ? (
              <optgroup label={t('certificates')}>
                {certificates.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {files.length > 0 ? (
              <optgroup label={t('files')}>
                {files.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </Field>
        <fieldset className="space-y-2">
          <legend className="block text-sm font-medium text-slate-800">{t('duration')}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {HOURS.map((h) => (
              <label key={h} className="inline-flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="hours"
                  value={h}
                  checked={hours === h}
                  onChange={() => setHours(h)}
                />
                {t(`d${h}`)}
              </label>
            ))}
          </div>
          {errors.hours ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.hours}
            </p>
          ) : null}
        </fieldset>
        <Field
          id={`${id}-purpose`}
          label={t('purpose')}
          hint={t('purposeHint')}
          error={errors.purpose}
        >
          <input
            id={`${id}-purpose`}
            name="purpose"
            className={inputStyles}
            value={purpose}
            maxLength={200}
            aria-invalid={Boolean(errors.purpose)}
            aria-describedby={`${id}-purpose-hint`}
            onChange={(e) => setPurpose(e.target.value)}
          />
        </Field>
        {failure ? <Alert kind="error">{failure}</Alert> : null}
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t('creating') : t('create')}
        </Button>
      </form>
      {created ? (
        <section
          className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4"
          aria-live="polite"
          data-testid="share-created"
        >
          <h3 className="font-semibold text-emerald-900">{t('createdTitle')}</h3>
          <p className="text-sm text-emerald-900">{t('createdBody', { time: until })}</p>
          <label htmlFor={`${id}-url`} className="sr-only">
            {t('linkLabel')}
          </label>
          <input
            id={`${id}-url`}
            readOnly
            value={created.url}
            className={`${inputStyles} font-mono text-sm`}
            onFocus={(e) => e.target.select()}
            data-testid="share-url"
          />
          <Button
            type="button"
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(created.url).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t('copied') : t('copy')}
          </Button>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(created.qrSvg)}`}
            alt={t('qrAlt')}
            width={180}
            height={180}
            className="rounded bg-white p-2"
          />
        </section>
      ) : null}
    </div>
  );
}
