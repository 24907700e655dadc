'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import type { TBlockUserInput } from '@/lib/identity/schemas';

/** Block a person (with a reason, after a second look) or unblock them. */
export function BlockControl({
  userId,
  name,
  blocked,
  block,
  unblock,
}: {
  userId: string;
  name: string;
  blocked: boolean;
  block: (input: TBlockUserInput) => Promise<ActionResult>;
  unblock: (userId: string) => Promise<ActionResult>;
}) {
  const t = useTranslations('adminBlock');
  const te = useTranslations('errors');
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const show = (r: ActionResult) => {
    if (r.ok) return setOpen(false);
    const field = Object.values(r.error.fieldErrors ?? {})[0];
    setError(field ? te(field as 'reason') : errorText(r.error));
  };

  if (blocked)
    return (
      <div className="space-y-2">
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => start(async () => show(await unblock(userId)))}
        >
          {t('unblock')}
        </Button>
        {error ? <Alert kind="error">{error}</Alert> : null}
      </div>
    );
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('block')}
      </Button>
    );
  return (
    <form
      className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => show(await block({ userId, reason })));
      }}
    >
      <p className="text-sm text-red-900">{t('warning', { name })}</p>
      <label className="block text-sm">
        <span className="font-medium text-slate-800">{t('reason')}</span>
        <textarea
          className={inputStyles}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={5}
          maxLength={500}
        />
      </label>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {t('confirm', { name })}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
