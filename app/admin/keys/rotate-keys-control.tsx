'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import { ZRotateIssuerKeysInput } from '@/lib/credentials/rotate-keys-schema';
import type { ActionResult } from '@/lib/http/action';

type Rotate = (i: unknown) => Promise<ActionResult<{ retiredKids: string[]; newKids: string[] }>>;

/** Asks why, then asks to confirm, then rotates one organisation's keys. */
export function RotateKeysControl({
  orgId,
  name,
  rotate,
}: {
  orgId: string;
  name: string;
  rotate: Rotate;
}) {
  const t = useTranslations('adminKeys');
  const router = useRouter();
  const errorText = useErrorText();
  const [mode, setMode] = useState<'idle' | 'reason' | 'confirm'>('idle');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [newKids, setNewKids] = useState<string[] | null>(null);
  const [pending, start] = useTransition();
  const id = `rotate-reason-${orgId}`;

  const reset = () => {
    setMode('idle');
    setReason('');
    setError(null);
  };

  const confirm = () =>
    start(async () => {
      setError(null);
      const r = await rotate({ orgId, reason });
      if (r.ok) {
        reset();
        setNewKids(r.data.newKids);
        return router.refresh();
      }
      if (r.error.fieldErrors?.reason) setMode('reason');
      setError(r.error.fieldErrors?.reason ? t('reasonError') : errorText(r.error));
    });

  return (
    <div className="space-y-3">
      {mode === 'idle' ? (
        <Button
          type="button"
          variant="danger"
          onClick={() => {
            setNewKids(null);
            setMode('reason');
          }}
        >
          {t('rotate')}
        </Button>
      ) : null}
      {mode === 'reason' ? (
        <form
          className="space-y-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!ZRotateIssuerKeysInput.safeParse({ orgId, reason }).success)
              return setError(t('reasonError'));
            setError(null);
            setMode('confirm');
          }}
        >
          <Field id={id} label={t('reason')} hint={t('reasonHint')} error={error}>
            <textarea
              id={id}
              rows={2}
              maxLength={300}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputStyles}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${id}-error` : `${id}-hint`}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger">
              {t('continue')}
            </Button>
            <Button type="button" variant="secondary" onClick={reset}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      {mode === 'confirm' ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-800">{t('confirm', { name })}</p>
          <p className="break-words text-sm text-slate-600">
            {t('confirmReason', { reason: reason.trim() })}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="danger" disabled={pending} onClick={confirm}>
              {pending ? t('working') : t('confirmYes')}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={reset}>
              {t('cancel')}
            </Button>
          </div>
          {error ? <Alert kind="error">{error}</Alert> : null}
        </div>
      ) : null}
      {newKids ? (
        <Alert kind="success">
          <span className="break-all">{t('rotated', { kids: newKids.join(', ') })}</span>
        </Alert>
      ) : null}
    </div>
  );
}
