'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import { ZCreatePartnerInput } from '@/lib/partner-api/schemas';

type Created = { apiKey: string; orgId: string };

export function CreatePartnerForm({
  create,
}: {
  create: (i: unknown) => Promise<ActionResult<Created>>;
}) {
  const t = useTranslations('adminPartners');
  const te = useTranslations('errors');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const errorText = useErrorText();
  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setCreated(null);
        if (!ZCreatePartnerInput.safeParse({ name }).success) return setError(te('name'));
        start(async () => {
          const r = await create({ name });
          if (r.ok) {
            setCreated(r.data);
            setName('');
          } else setError(r.error.fieldErrors?.name ? te('name') : errorText(r.error));
        });
      }}
    >
      <Field id="partner-name" label={t('name')} error={error}>
        <input
          id="partner-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={inputStyles}
          aria-invalid={Boolean(error)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {t('create')}
      </Button>
      {created ? (
        <Alert kind="success">
          <p>{t('created')}</p>
          <Copyable label={t('orgId')} value={created.orgId} testId="partner-org-id-created" />
          <Copyable label={t('apiKey')} value={created.apiKey} testId="partner-api-key" />
        </Alert>
      ) : null}
    </form>
  );
}

function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <>
      <p className="mt-2 font-medium">{label}</p>
      <code
        data-testid={testId}
        className="block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
      >
        {value}
      </code>
    </>
  );
}
