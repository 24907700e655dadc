'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ContactFields } from '@/app/institution/register/contact-fields';
import { useFieldError } from '@/app/institution/register/use-field-error';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import {
  ZAddAuthorizedPersonInput,
  type TAddAuthorizedPersonInput,
} from '@/lib/institutions/schemas';

type Values = TAddAuthorizedPersonInput;

export function AddPersonForm({
  orgId,
  add,
}: {
  orgId: string;
  add: (i: Values) => Promise<ActionResult>;
}) {
  const t = useTranslations('institutionPeople');
  const router = useRouter();
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const empty = { orgId, name: '', designation: '', mobile: '', email: '' };
  const form = useForm<Values>({
    resolver: zodResolver(ZAddAuthorizedPersonInput),
    defaultValues: empty,
  });
  const e = form.formState.errors;
  const f = (k: 'name' | 'designation' | 'mobile' | 'email') => ({
    reg: form.register(k),
    error: fieldError(e[k]?.message),
  });

  async function onSubmit(values: Values) {
    setStatus(null);
    const r = await add(values);
    if (r.ok) {
      setStatus({ ok: true, text: t('added', { name: values.name }) });
      form.reset(empty);
      return router.refresh();
    }
    const fields = Object.entries(r.error.fieldErrors ?? {});
    for (const [field, key] of fields) form.setError(field as keyof Values, { message: key });
    if (fields.length === 0) setStatus({ ok: false, text: errorText(r.error) });
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="space-y-4">
      <input type="hidden" {...form.register('orgId')} />
      <ContactFields
        idPrefix="person"
        fields={{
          name: f('name'),
          designation: f('designation'),
          mobile: f('mobile'),
          email: f('email'),
        }}
      />
      {status ? <Alert kind={status.ok ? 'success' : 'error'}>{status.text}</Alert> : null}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t('add')}
      </Button>
    </form>
  );
}
