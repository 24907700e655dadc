'use client';

import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button } from '@/components/ui';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="space-y-2">
      <Button
        variant="danger"
        disabled={busy}
        onClick={async () => {
          if (!window.confirm(t('signOutEverywhereConfirm'))) return;
          setBusy(true);
          const r = await signOutEverywhere();
          if (r.ok) await signOut({ callbackUrl: '/sign-in' });
          else {
            setBusy(false);
            setError(errorText(r.error));
          }
        }}
      >
        {t('signOutEverywhere')}
      </Button>
      {error ? <Alert kind="error">{error}</Alert> : null}
    </div>
  );
}
