'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import { ZClaimInput, type TClaimInput } from '@/lib/locker/schemas';

type Claimed = { moved: number; certificateId: string };

/** Seed 000 §2.6: claim an award by its number, confirmed by date of birth and name. */
export function ClaimForm({
  issuers,
  claim,
}: {
  issuers: { id: string; name: string }[];
  claim: (input: TClaimInput) => Promise<ActionResult<Claimed>>;
}) {
  const t = useTranslations('lockerDocs');
  const errorText = useErrorText();
  const [result, setResult] = useState<
    { kind: 'success'; claimed: Claimed } | { kind: 'error'; text: string } | null
  >(null);
  const form = useForm<TClaimInput>({
    resolver: zodResolver(ZClaimInput),
    defaultValues: { issuerId: '', number: '', dob: '', name: '' },
  });
  const errors = form.formState.errors;
  const msg = (key?: string) => (key ? t(`errors.${key}` as 'errors.name') : undefined);

  async function onSubmit(values: TClaimInput) {
    setResult(null);
    const r = await claim(values);
    if (r.ok) {
      form.reset({ ...values, number: '' });
      return setResult({ kind: 'success', claimed: r.data });
    }
    const fields = r.error.fieldErrors;
    if (fields && !fields.form) {
      for (const [field, key] of Object.entries(fields))
        form.setError(field as keyof TClaimInput, { message: key });
      return;
    }
    setResult({
      kind: 'error',
      text:
        r.error.key === 'rateLimited'
          ? t('claim.tooMany')
          : r.error.key === 'invalid'
            ? t('claim.noMatch')
            : errorText(r.error),
    });
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="grid gap-4 sm:grid-cols-2">
      <Field id="claim-issuer" label={t('claim.issuer')} error={msg(errors.issuerId?.message)}>
        <select
          id="claim-issuer"
          className={inputStyles}
          aria-invalid={Boolean(errors.issuerId)}
          {...form.register('issuerId')}
        >
          <option value="">{t('claim.chooseIssuer')}</option>
          {issuers.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="claim-number" label={t('claim.number')} error={msg(errors.number?.message)}>
        <input
          id="claim-number"
          className={inputStyles}
          autoComplete="off"
          aria-invalid={Boolean(errors.number)}
          {...form.register('number')}
        />
      </Field>
      <Field id="claim-dob" label={t('claim.dob')} error={msg(errors.dob?.message)}>
        <input
          id="claim-dob"
          type="date"
          className={inputStyles}
          aria-invalid={Boolean(errors.dob)}
          {...form.register('dob')}
        />
      </Field>
      <Field id="claim-name" label={t('claim.name')} error={msg(errors.name?.message)}>
        <input
          id="claim-name"
          className={inputStyles}
          autoComplete="name"
          aria-invalid={Boolean(errors.name)}
          {...form.register('name')}
        />
      </Field>
      <div className="space-y-3 sm:col-span-2">
        {result?.kind === 'error' ? <Alert kind="error">{result.text}</Alert> : null}
        {result?.kind === 'success' ? (
          <Alert kind="success">
            {result.claimed.moved > 0 ? t('claim.done') : t('claim.already')}{' '}
            <Link
              className="font-medium underline"
              href={`/locker/documents/${result.claimed.certificateId}`}
            >
              {t('claim.openIt')}
            </Link>
          </Alert>
        ) : null}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t('claim.submit')}
        </Button>
      </div>
    </form>
  );
}
