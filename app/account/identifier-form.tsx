'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';
import type { TLinkIdentifierConfirm, TLinkIdentifierRequest } from '@/lib/identity/schemas';

/** Add or change the mobile number or email one signs in with: a code sent to it proves it. */
export function IdentifierForm({
  kind,
  current,
  requestCode,
  confirm,
  remove,
}: {
  kind: 'mobile' | 'email';
  current: string | null;
  requestCode: (input: TLinkIdentifierRequest) => Promise<ActionResult>;
  confirm: (input: TLinkIdentifierConfirm) => Promise<ActionResult>;
  remove?: () => Promise<ActionResult>;
}) {
  const t = useTranslations('account');
  const te = useTranslations('errors');
  const errorText = useErrorText();
  const router = useRouter();
  const [step, setStep] = useState<'idle' | 'enter' | 'code'>('idle');
  const [value, setValue] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = `new-${kind}`;

  async function run(fn: () => Promise<ActionResult>, next: () => void) {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) {
        const field = Object.values(r.error.fieldErrors ?? {})[0];
        setError(field ? te(field as 'identifier') : errorText(r.error));
        return;
      }
      next();
    } finally {
      setBusy(false);
    }
  }

  if (step === 'idle')
    return (
      <div className="space-y-2">
        {done ? <Alert kind="success">{done}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setDone(null);
              setStep('enter');
            }}
          >
            {current ? t(`change.${kind}`) : t(`add.${kind}`)}
          </Button>
          {remove && current ? (
            <ConfirmButton
              variant="secondary"
              label={t('removeEmail')}
              texts={{
                title: t('removeEmailConfirm', { email: current }),
                confirm: t('removeEmail'),
                cancel: t('cancel'),
              }}
              onConfirm={async () => {
                const r = await remove();
                if (!r.ok) return errorText(r.error);
                setDone(t('emailRemoved'));
                router.refresh();
                return null;
              }}
            />
          ) : null}
        </div>
        {error ? <Alert kind="error">{error}</Alert> : null}
      </div>
    );

  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (step === 'enter')
          void run(
            () => requestCode({ identifier: value }),
            () => setStep('code'),
          );
        else
          void run(
            () => confirm({ identifier: value, code }),
            () => {
              setStep('idle');
              setCode('');
              setValue('');
              setDone(t(`changed.${kind}`));
              router.refresh();
            },
          );
      }}
    >
      {step === 'enter' ? (
        <Field id={id} label={t(`newLabel.${kind}`)} hint={t('codeWillBeSent')}>
          <input
            id={id}
            className={inputStyles}
            inputMode={kind === 'mobile' ? 'tel' : 'email'}
            autoComplete={kind === 'mobile' ? 'tel' : 'email'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </Field>
      ) : (
        <>
          <Alert kind="info">{t('codeSentTo', { to: value })}</Alert>
          <Field id={`${id}-code`} label={t('codeLabel')}>
            <input
              id={`${id}-code`}
              className={inputStyles}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </Field>
        </>
      )}
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {step === 'enter' ? t('sendCode') : t('confirm')}
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setStep('idle');
            setError(null);
            setCode('');
          }}
        >
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
