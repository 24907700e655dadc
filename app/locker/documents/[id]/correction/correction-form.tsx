'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

type FieldName = 'whatIsWrong' | 'shouldSay';
const FIELDS: FieldName[] = ['whatIsWrong', 'shouldSay'];

/** The server's error keys (`whatIsWrongShort`, …) in this page's words. */
function fieldText(key: string): string {
  return `error${key[0]!.toUpperCase()}${key.slice(1)}`;
}

export function CorrectionForm({
  certificateId,
  issuer,
  send,
}: {
  certificateId: string;
  issuer: string;
  send: (input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations('sharing.corrections');
  const errorText = useErrorText();
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState<Record<FieldName, string>>({
    whatIsWrong: '',
    shouldSay: '',
  });
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setStatus(null);
    start(async () => {
      const r = await send({ certificateId, ...values });
      if (r.ok) {
        setValues({ whatIsWrong: '', shouldSay: '' });
        setStatus({ ok: true, text: t('sent', { issuer }) });
        router.refresh();
        return;
      }
      const fields = Object.entries(r.error.fieldErrors ?? {}).filter(([k]) =>
        FIELDS.includes(k as FieldName),
      );
      if (fields.length > 0)
        setErrors(
          Object.fromEntries(
            fields.map(([k, v]) => [k, t(fieldText(v) as 'errorWhatIsWrongShort')]),
          ),
        );
      else setStatus({ ok: false, text: errorText(r.error) });
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="correction-form">
      {FIELDS.map((name) => (
        <Field
          key={name}
          id={`${id}-${name}`}
          label={t(name)}
          hint={name === 'whatIsWrong' ? t('whatIsWrongHint') : undefined}
          error={errors[name]}
        >
          <textarea
            id={`${id}-${name}`}
            name={name}
            rows={3}
            maxLength={2000}
            required
            className={inputStyles}
            value={values[name]}
            aria-invalid={Boolean(errors[name])}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          />
        </Field>
      ))}
      {status ? <Alert kind={status.ok ? 'success' : 'error'}>{status.text}</Alert> : null}
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}
