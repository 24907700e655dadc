'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import {
  ZAddRegistryEntryInput,
  ZDeclineRegistryEntryInput,
  type TAddRegistryEntryInput,
} from '@/lib/institutions/schemas';

type Act = (i: unknown) => Promise<ActionResult>;
type Kind = { value: TAddRegistryEntryInput['kind']; label: string };

function useMessages() {
  const te = useTranslations('onboardingErrors');
  const errorText = useErrorText();
  const fieldError = (key?: string) =>
    key ? (te.has(key) ? te(key as 'invalid') : te('invalid')) : undefined;
  return { fieldError, errorText };
}

/** Name, code, kind, city and state of a registry entry. */
function EntryFields({
  form,
  kinds,
  idPrefix,
}: {
  form: UseFormReturn<TAddRegistryEntryInput>;
  kinds: Kind[];
  idPrefix: string;
}) {
  const t = useTranslations('adminInstitutions');
  const { fieldError } = useMessages();
  const e = form.formState.errors;
  const input = (name: 'name' | 'code' | 'city' | 'state', hint?: string) => (
    <Field
      id={`${idPrefix}-${name}`}
      label={t(`field.${name}`)}
      hint={hint}
      error={fieldError(e[name]?.message)}
    >
      <input
        id={`${idPrefix}-${name}`}
        className={`${inputStyles} ${name === 'code' ? 'font-mono' : ''}`}
        aria-invalid={Boolean(e[name])}
        {...form.register(name)}
      />
    </Field>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">{input('name')}</div>
      {input('code', t('codeHint'))}
      <Field id={`${idPrefix}-kind`} label={t('field.kind')} error={fieldError(e.kind?.message)}>
        <select id={`${idPrefix}-kind`} className={inputStyles} {...form.register('kind')}>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      {input('city')}
      {input('state')}
    </div>
  );
}

/** Submits an entry form; field errors go beside their fields, others below. */
function useEntryForm(defaultValues: TAddRegistryEntryInput, act: Act, extra: object = {}) {
  const router = useRouter();
  const { errorText } = useMessages();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<TAddRegistryEntryInput>({
    resolver: zodResolver(ZAddRegistryEntryInput),
    defaultValues,
  });
  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    setSaved(false);
    const r = await act({ ...values, ...extra });
    if (r.ok) {
      setSaved(true);
      form.reset(defaultValues);
      return router.refresh();
    }
    const fields = Object.entries(r.error.fieldErrors ?? {});
    for (const [f, key] of fields) form.setError(f as 'name', { message: key });
    if (fields.length === 0) setError(errorText(r.error));
  });
  return { form, onSubmit, error, saved };
}

export function AddEntryForm({ add, kinds }: { add: Act; kinds: Kind[] }) {
  const t = useTranslations('adminInstitutions');
  const empty = { name: '', code: 'in.', kind: 'training_provider', city: '', state: '' } as const;
  const { form, onSubmit, error, saved } = useEntryForm(empty, add);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <EntryFields form={form} kinds={kinds} idPrefix="add" />
      {saved ? <Alert kind="success">{t('entryAdded')}</Alert> : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t('addEntry')}
      </Button>
    </form>
  );
}

/** A requested entry: list it under a real code, or decline it with a reason. */
export function RequestDecision({
  entry,
  kinds,
  list,
  decline,
}: {
  entry: TAddRegistryEntryInput & { id: string };
  kinds: Kind[];
  list: Act;
  decline: Act;
}) {
  const t = useTranslations('adminInstitutions');
  const { id, ...values } = entry;
  const { form, onSubmit, error } = useEntryForm(values, list, { id });
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [declineError, setDeclineError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const { fieldError, errorText } = useMessages();
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <EntryFields form={form} kinds={kinds} idPrefix={`req-${id}`} />
        {error ? <Alert kind="error">{error}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {t('listIt')}
          </Button>
          <Button type="button" variant="danger" onClick={() => setDeclining(true)}>
            {t('declineIt')}
          </Button>
        </div>
      </form>
      {declining ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            const input = { id, reason };
            if (!ZDeclineRegistryEntryInput.safeParse(input).success)
              return setDeclineError(fieldError('reason') ?? null);
            start(async () => {
              const r = await decline(input);
              if (r.ok) return router.refresh();
              setDeclineError(
                r.error.fieldErrors?.reason ? (fieldError('reason') ?? null) : errorText(r.error),
              );
            });
          }}
        >
          <Field id={`decline-${id}`} label={t('declineReason')} error={declineError}>
            <textarea
              id={`decline-${id}`}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputStyles}
              aria-invalid={Boolean(declineError)}
            />
          </Field>
          <Button type="submit" variant="danger" disabled={pending}>
            {t('declineYes')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
