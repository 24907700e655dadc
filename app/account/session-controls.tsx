'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button } from '@/components/ui';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';

export function EndSessionButton({
  sessionId,
  end,
}: {
  sessionId: string;
  end: (id: string) => Promise<ActionResult>;
}) {
  const t = useTranslations('account');
  const errorText = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Button
        variant="secondary"
        onClick={async () => {
          const r = await end(sessionId);
          if (r.ok) router.refresh();
          else setError(errorText(r.error));
        }}
      >
        {t('endSession')}
      </Button>
      {error ? <Alert kind="error">{error}</Alert> : null}
    </div>
  );
}

export function SignOutEverywhereButton({
  signOutEverywhere,
}: {
  signOutEverywhere: () => Promise<ActionResult>;
}) {
  const t = useTranslations('account');
  const errorText = useErrorText();
  return (
    <ConfirmButton
      label={t('signOutEverywhere')}
      texts={{
        title: t('signOutEverywhereConfirm'),
        body: t('signOutEverywhereBody'),
        confirm: t('signOutEverywhere'),
        cancel: t('cancel'),
      }}
      onConfirm={async () => {
        const r = await signOutEverywhere();
        if (!r.ok) return errorText(r.error);
        await signOut({ callbackUrl: '/sign-in' });
        return null;
      }}
    />
  );
}
