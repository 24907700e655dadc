'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import {
  REGISTRY_KINDS,
  ZRequestRegistryEntryInput,
  type TRequestRegistryEntryInput,
} from '@/lib/institutions/schemas';
import { useFieldError } from './use-field-error';

/** "My institution is not listed": ask the platform admin to add it (seed 000 §2.4 iii). */
export function RequestEntryForm({
  request,
  onCancel,
}: {
  request: (i: TRequestRegistryEntryInput) => Promise<ActionResult>;
  onCancel: () => void;
}) {
  const t = useTranslations('onboarding');
  const router = useRouter();
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const form = useForm<TRequestRegistryEntryInput>({
    resolver: zodResolver(ZRequestRegistryEntryInput),
    defaultValues: { name: '', kind: 'training_provider', city: '', state: '', note: '' },
  });
  const e = form.formState.errors;

  async function onSubmit(values: TRequestRegistryEntryInput) {
    setStatus(null);
    const r = await request(values);
    if (r.ok) {
      form.reset();
      setStatus({ ok: true, text: t('requestSent') });
      return router.refresh();
    }
    for (const [field, key] of Object.entries(r.error.fieldErrors ?? {}))
      form.setError(field as keyof TRequestRegistryEntryInput, { message: key });
    if (!r.error.fieldErrors) setStatus({ ok: false, text: errorText(r.error) });
  }

  const text = (name: 'name' | 'city' | 'state', label: string) => (
    <Field id={`req-${name}`} label={label} error={fieldError(e[name]?.message)}>
      <input
        id={`req-${name}`}
        className={inputStyles}
        aria-invalid={Boolean(e[name])}
        {...form.register(name)}
      />
    </Field>
  );

  // Inside the wizard's <form> (forms cannot nest): Enter sends this request, not the wizard.
  return (
    <div
      className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4"
      onKeyDown={(ev) => {
        if (ev.key !== 'Enter' || (ev.target as HTMLElement).tagName !== 'INPUT') return;
        ev.preventDefault();
        void form.handleSubmit(onSubmit)();
      }}
    >
      <p className="text-sm text-slate-700">{t('requestIntro')}</p>
      {status?.ok ? (
        <Alert kind="success">{status.text}</Alert>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">{text('name', t('requestName'))}</div>
          <Field id="req-kind" label={t('kindLabel')} error={fieldError(e.kind?.message)}>
            <select id="req-kind" className={inputStyles} {...form.register('kind')}>
              {REGISTRY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {text('city', t('city'))}
          {text('state', t('state'))}
          <div className="sm:col-span-2">
            <Field
              id="req-note"
              label={t('requestNote')}
              hint={t('requestNoteHint')}
              error={fieldError(e.note?.message)}
            >
              <textarea id="req-note" rows={2} className={inputStyles} {...form.register('note')} />
            </Field>
          </div>
        </div>
      )}
      {status && !status.ok ? <Alert kind="error">{status.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {status?.ok ? null : (
          <Button
            type="button"
            disabled={form.formState.isSubmitting}
            onClick={form.handleSubmit(onSubmit)}
          >
            {t('requestSend')}
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={onCancel}>
          {status?.ok ? t('backToList') : t('cancel')}
        </Button>
      </div>
    </div>
  );
}
