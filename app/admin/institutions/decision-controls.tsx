'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import { ZRejectApplicationInput } from '@/lib/institutions/schemas';

type Decide = (i: unknown) => Promise<ActionResult>;

/** Approve (activates the institution) or reject with a required reason. */
export function DecisionControls({
  applicationId,
  name,
  approve,
  reject,
}: {
  applicationId: string;
  name: string;
  approve: Decide;
  reject: Decide;
}) {
  const t = useTranslations('adminInstitutions');
  const te = useTranslations('onboardingErrors');
  const router = useRouter();
  const errorText = useErrorText();
  const [mode, setMode] = useState<'idle' | 'confirm' | 'reject'>('idle');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (action: Decide, input: unknown) =>
    start(async () => {
      setError(null);
      const r = await action(input);
      if (r.ok) return router.refresh();
      setError(r.error.fieldErrors?.reason ? te('reason') : errorText(r.error));
    });

  return (
    <div className="space-y-3 border-t border-slate-100 pt-4">
      {mode === 'idle' ? (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => setMode('confirm')}>
            {t('approve')}
          </Button>
          <Button type="button" variant="danger" onClick={() => setMode('reject')}>
            {t('reject')}
          </Button>
        </div>
      ) : null}
      {mode === 'confirm' ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-800">{t('approveConfirm', { name })}</p>
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              disabled={pending}
              onClick={() => run(approve, { applicationId })}
            >
              {pending ? t('working') : t('approveYes')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMode('idle')}>
              {t('cancel')}
            </Button>
          </div>
        </div>
      ) : null}
      {mode === 'reject' ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            const input = { applicationId, reason };
            if (!ZRejectApplicationInput.safeParse(input).success) return setError(te('reason'));
            run(reject, input);
          }}
        >
          <Field
            id={`reason-${applicationId}`}
            label={t('rejectReason')}
            hint={t('rejectReasonHint')}
          >
            <textarea
              id={`reason-${applicationId}`}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputStyles}
              aria-invalid={Boolean(error)}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? t('working') : t('rejectYes')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMode('idle')}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
    </div>
  );
}
