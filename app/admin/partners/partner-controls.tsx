'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

type Action = (input: unknown) => Promise<ActionResult>;

/**
 * An active partner's controls. Revoking and allowing the keyhash each ask first, in the page
 * (not a browser dialog, which a phone may block and cannot be translated), naming the partner.
 */
export function PartnerControls({
  id,
  name,
  keyhashAllowed,
  revoke,
  setKeyhash,
}: {
  id: string;
  name: string;
  keyhashAllowed: boolean;
  revoke: Action;
  setKeyhash: Action;
}) {
  const t = useTranslations('adminPartners');
  const router = useRouter();
  const errorText = useErrorText();
  const [mode, setMode] = useState<'idle' | 'revoke' | 'keyhash'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (action: Action, input: unknown) =>
    start(async () => {
      setError(null);
      const r = await action(input);
      if (!r.ok) return setError(errorText(r.error));
      setMode('idle');
      router.refresh();
    });
  const cancel = () => {
    setMode('idle');
    setError(null);
  };

  return (
    <div className="space-y-2">
      {mode === 'idle' ? (
        <div className="flex flex-wrap gap-2">
          {keyhashAllowed ? (
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => run(setKeyhash, { id, allowed: false })}
            >
              {t('keyhashStop')}
            </Button>
          ) : (
            <Button type="button" variant="secondary" onClick={() => setMode('keyhash')}>
              {t('keyhashAllow')}
            </Button>
          )}
          <Button type="button" variant="danger" onClick={() => setMode('revoke')}>
            {t('revoke')}
          </Button>
        </div>
      ) : null}
      {mode === 'revoke' ? (
        <Confirm
          question={t('revokeConfirm', { name })}
          yes={t('revokeYes', { name })}
          no={t('cancel')}
          working={pending ? t('working') : null}
          onYes={() => run(revoke, { id })}
          onNo={cancel}
        />
      ) : null}
      {mode === 'keyhash' ? (
        <Confirm
          question={t('keyhashWarning', { name })}
          yes={t('keyhashYes', { name })}
          no={t('cancel')}
          working={pending ? t('working') : null}
          onYes={() => run(setKeyhash, { id, allowed: true })}
          onNo={cancel}
        />
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
    </div>
  );
}

/** The question in place of the buttons; it takes the focus, and Escape is "no". */
function Confirm({
  question,
  yes,
  no,
  working,
  onYes,
  onNo,
}: {
  question: ReactNode;
  yes: string;
  no: string;
  working: string | null;
  onYes: () => void;
  onNo: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const questionId = useId();
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      role="alertdialog"
      aria-labelledby={questionId}
      tabIndex={-1}
      className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-3 outline-none"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onNo();
      }}
    >
      <p id={questionId} className="text-sm text-slate-900">
        {question}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="danger" disabled={Boolean(working)} onClick={onYes}>
          {working ?? yes}
        </Button>
        <Button type="button" variant="secondary" disabled={Boolean(working)} onClick={onNo}>
          {no}
        </Button>
      </div>
    </div>
  );
}
