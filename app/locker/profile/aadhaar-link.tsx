'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';
import {
  ZAadhaarLinkConfirm,
  ZAadhaarLinkRequest,
  type TAadhaarLinkConfirm,
  type TAadhaarLinkRequest,
} from '@/lib/locker/schemas';

/**
 * Link an Aadhaar number (checked here with the server's own schema, Verhoeff included), proven
 * by a code sent to the citizen's mobile; or remove the link. The number is never shown back.
 */
export function AadhaarLink({
  linked,
  mobileLast4,
  request,
  confirm,
  remove,
}: {
  linked: boolean;
  mobileLast4: string;
  request: (input: TAadhaarLinkRequest) => Promise<ActionResult>;
  confirm: (input: TAadhaarLinkConfirm) => Promise<ActionResult>;
  remove: () => Promise<ActionResult>;
}) {
  const t = useTranslations('lockerDocs');
  const errorText = useErrorText();
  const router = useRouter();
  const [step, setStep] = useState<'idle' | 'enter' | 'code'>('idle');
  const [aadhaar, setAadhaar] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const fieldText = (key: string) => t(`errors.${key}` as 'errors.code');

  async function run(fn: () => Promise<ActionResult>, next: () => void) {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) {
        const field = Object.values(r.error.fieldErrors ?? {})[0];
        setError(field ? fieldText(field) : errorText(r.error));
        return;
      }
      next();
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    const schema = step === 'enter' ? ZAadhaarLinkRequest : ZAadhaarLinkConfirm;
    const parsed = schema.safeParse({ aadhaar, code });
    if (!parsed.success) return setError(fieldText(parsed.error.issues[0]!.message));
    if (step === 'enter')
      return void run(
        () => request({ aadhaar }),
        () => setStep('code'),
      );
    void run(
      () => confirm({ aadhaar, code }),
      () => {
        setStep('idle');
        setAadhaar('');
        setCode('');
        setDone(t('profile.done'));
        router.refresh();
      },
    );
  }

  if (step === 'idle')
    return (
      <div className="space-y-3">
        {done ? <Alert kind="success">{done}</Alert> : null}
        {linked ? (
          <ConfirmButton
            variant="secondary"
            label={t('profile.remove')}
            texts={{
              title: t('profile.removeConfirm'),
              confirm: t('profile.remove'),
              cancel: t('profile.cancel'),
            }}
            onConfirm={async () => {
              const r = await remove();
              if (!r.ok) return errorText(r.error);
              setDone(t('profile.removed'));
              router.refresh();
              return null;
            }}
          />
        ) : (
          <Button
            variant="secondary"
            onClick={() => {
              setDone(null);
              setStep('enter');
            }}
          >
            {t('profile.link')}
          </Button>
        )}
        {error ? <Alert kind="error">{error}</Alert> : null}
      </div>
    );

  return (
    <form
      className="space-y-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {step === 'enter' ? (
        <Field
          id="aadhaar-number"
          label={t('profile.aadhaarNumber')}
          hint={t('profile.aadhaarHint')}
        >
          <input
            id="aadhaar-number"
            className={inputStyles}
            inputMode="numeric"
            autoComplete="off"
            maxLength={14}
            value={aadhaar}
            onChange={(e) => setAadhaar(e.target.value)}
          />
        </Field>
      ) : (
        <>
          <Alert kind="info">{t('profile.codeSent', { last4: mobileLast4 })}</Alert>
          <Field id="aadhaar-code" label={t('profile.code')}>
            <input
              id="aadhaar-code"
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
          {step === 'enter' ? t('profile.sendCode') : t('profile.link')}
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setStep('idle');
            setError(null);
            setCode('');
            setAadhaar('');
          }}
        >
          {t('profile.cancel')}
        </Button>
      </div>
    </form>
  );
}
