'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useErrorText } from '@/components/i18n/use-error-text';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';

export function WithdrawButton({
  id,
  withdraw,
}: {
  id: string;
  withdraw: (input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations('sharing.corrections');
  const router = useRouter();
  const errorText = useErrorText();
  return (
    <ConfirmButton
      variant="secondary"
      className="!min-h-9 !py-1 text-sm"
      label={t('withdraw')}
      texts={{
        title: t('withdrawConfirmTitle'),
        body: t('withdrawConfirmBody'),
        confirm: t('withdrawConfirm'),
        cancel: t('cancel'),
      }}
      onConfirm={async () => {
        const r = await withdraw({ id });
        if (r.ok) {
          router.refresh();
          return null;
        }
        return r.error.key === 'conflict' ? t('errorClosed') : errorText(r.error);
      }}
    />
  );
}
