'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

export function CreatePartnerForm({
  create,
}: {
  create: (i: { name: string }) => Promise<ActionResult<{ apiKey: string }>>;
}) {
  const t = useTranslations();
  const [name, setName] = useState('');
  const [key, setKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const errorText = useErrorText();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setKey(null);
        if (name.trim().length < 2) return setError(t('errors.name'));
        start(async () => {
          const r = await create({ name });
          if (r.ok) {
            setKey(r.data.apiKey);
            setName('');
          } else setError(r.error.fieldErrors?.name ? t('errors.name') : errorText(r.error));
        });
      }}
    >
      <Field id="partner-name" label={t('admin.partnerName')} error={error}>
        <input
          id="partner-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={inputStyles}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {t('admin.createPartner')}
      </Button>
      {key ? (
        <Alert kind="success">
          {t('admin.partnerCreated')}
          <code
            data-testid="partner-api-key"
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-slate-900"
          >
            {key}
          </code>
        </Alert>
      ) : null}
    </form>
  );
}

export function RevokePartnerButton({
  id,
  revoke,
}: {
  id: string;
  revoke: (id: string) => Promise<ActionResult>;
}) {
  const t = useTranslations('admin');
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      className="text-sm text-red-700 underline"
      onClick={() => start(async () => void (await revoke(id)))}
    >
      {t('revokePartner')}
    </button>
  );
}
