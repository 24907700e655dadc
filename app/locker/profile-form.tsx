'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import { ZProfileInput, type TProfileInput } from '@/lib/identity/schemas';

export function ProfileForm({
  initial,
  save,
}: {
  initial: TProfileInput;
  save: (input: TProfileInput) => Promise<ActionResult>;
}) {
  const t = useTranslations();
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const errorText = useErrorText();
  const form = useForm<TProfileInput>({
    resolver: zodResolver(ZProfileInput),
    defaultValues: initial,
  });
  const errors = form.formState.errors;
  const msg = (key?: string) => (key ? t(`errors.${key}` as 'errors.name') : undefined);

  async function onSubmit(values: TProfileInput) {
    setStatus(null);
    const result = await save(values);
    if (result.ok) return setStatus({ kind: 'success', text: t('locker.saved') });
    for (const [field, key] of Object.entries(result.error.fieldErrors ?? {})) {
      form.setError(field as keyof TProfileInput, { message: key });
    }
    if (!result.error.fieldErrors) {
      setStatus({
        kind: 'error',
        text: errorText(result.error),
      });
    }
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field id="name" label={t('locker.name')} error={msg(errors.name?.message)}>
        <input
          id="name"
          className={inputStyles}
          aria-invalid={Boolean(errors.name)}
          {...form.register('name')}
        />
      </Field>
      <Field id="dob" label={t('locker.dob')} error={msg(errors.dob?.message)}>
        <input
          id="dob"
          type="date"
          className={inputStyles}
          aria-invalid={Boolean(errors.dob)}
          {...form.register('dob')}
        />
      </Field>
      <Field id="gender" label={t('locker.gender')} error={msg(errors.gender?.message)}>
        <select
          id="gender"
          className={inputStyles}
          aria-invalid={Boolean(errors.gender)}
          {...form.register('gender')}
        >
          <option value="">{t('locker.chooseGender')}</option>
          <option value="F">{t('locker.genderF')}</option>
          <option value="M">{t('locker.genderM')}</option>
          <option value="T">{t('locker.genderT')}</option>
        </select>
      </Field>
      <div className="sm:col-span-2 space-y-3">
        {status ? <Alert kind={status.kind}>{status.text}</Alert> : null}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t('locker.save')}
        </Button>
      </div>
    </form>
  );
}
