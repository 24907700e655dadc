'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, Field, inputStyles } from '@/components/ui';
import { ConfirmDialog } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';

export function RevokeForm({
  orgId,
  certificateId,
  number,
  revoke,
}: {
  orgId: string;
  certificateId: string;
  number: string;
  revoke: (i: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const errorText = useErrorText();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 5) return setError(t('institution.reasonRequired'));
        setError(null);
        setConfirming(true);
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
      <Button type="submit" variant="danger">
        {t('institution.revokeButton')}
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        texts={{
          title: t('confirm.revokeTitle', { number }),
          body: t('confirm.revokeBody', { reason: reason.trim() }),
          confirm: t('confirm.revokeConfirm'),
          cancel: t('confirm.cancel'),
        }}
        onConfirm={async () => {
          const r = await revoke({ orgId, certificateId, reason });
          if (r.ok) {
            router.refresh();
            return null;
          }
          if (r.error.fieldErrors?.reason) {
            setError(t('institution.reasonRequired'));
            return t('institution.reasonRequired');
          }
          return errorText(r.error);
        }}
      />
    </form>
  );
}
