'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useErrorText } from '@/components/i18n/use-error-text';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';

export function RevokeLinkButton({
  id,
  document,
  revoke,
}: {
  id: string;
  document: string;
  revoke: (input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations('sharing.shares');
  const router = useRouter();
  const errorText = useErrorText();
  return (
    <ConfirmButton
      variant="secondary"
      className="!min-h-9 !py-1 text-sm"
      label={t('revoke')}
      ariaLabel={t('revokeFor', { document })}
      texts={{
        title: t('confirmTitle', { document }),
        body: t('confirmBody'),
        confirm: t('confirmButton'),
        cancel: t('cancel'),
      }}
      onConfirm={async () => {
        const r = await revoke({ id });
        if (!r.ok) return errorText(r.error);
        router.refresh();
        return null;
      }}
    />
  );
}
