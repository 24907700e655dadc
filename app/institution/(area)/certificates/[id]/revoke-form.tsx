'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

export function RevokeForm({
  orgId,
  certificateId,
  revoke,
}: {
  orgId: string;
  certificateId: string;
  revoke: (i: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const errorText = useErrorText();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 5) return setError(t('institution.reasonRequired'));
        setError(null);
        start(async () => {
          const r = await revoke({ orgId, certificateId, reason });
          if (r.ok) return router.refresh();
          setError(
            r.error.fieldErrors?.reason ? t('institution.reasonRequired') : errorText(r.error),
          );
        });
      }}
    >
      <Field id="reason" label={t('institution.revokeReason')} error={error}>
        <textarea
          id="reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className={inputStyles}
          aria-invalid={Boolean(error)}
        />
      </Field>
      <Button type="submit" variant="danger" disabled={pending}>
        {t('institution.revokeButton')}
      </Button>
    </form>
  );
}
