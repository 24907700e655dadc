'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { TEsignCodeRequest, TEsignConfirm } from '@/lib/esign/schemas';
import type { ActionResult } from '@/lib/http/action';

type Channel = { via: 'mobile' | 'email'; label: string };

/** Two steps: a code to the citizen's own mobile or email, then the code to sign. */
export function SignForm({
  fileId,
  channels,
  requestCode,
  sign,
}: {
  fileId: string;
  channels: Channel[];
  requestCode: (input: TEsignCodeRequest) => Promise<ActionResult>;
  sign: (input: TEsignConfirm) => Promise<ActionResult>;
}) {
  const t = useTranslations('esign');
  const errorText = useErrorText();
  const router = useRouter();
  const [via, setVia] = useState(channels[0]?.via ?? 'mobile');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'sign' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function run(kind: 'send' | 'sign', fn: () => Promise<ActionResult>, next: () => void) {
    setBusy(kind);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) {
        const field = Object.values(r.error.fieldErrors ?? {})[0];
        setError(field ? t(`errors.${field}` as 'errors.code') : errorText(r.error));
        return;
      }
      next();
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-6">
      {error ? <Alert kind="error">{error}</Alert> : null}
      {done ? <Alert kind="success">{t('signed')}</Alert> : null}
      <section className="space-y-3">
        <h2 className="font-semibold">{t('step1')}</h2>
        <p className="text-sm text-slate-600">{t('step1Hint')}</p>
        {channels.length > 1 ? (
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">{t('via')}</legend>
            {channels.map((c) => (
              <label key={c.via} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="via"
                  value={c.via}
                  checked={via === c.via}
                  onChange={() => setVia(c.via)}
                />
                {c.label}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="text-sm">{channels[0]?.label}</p>
        )}
        <Button
          type="button"
          variant={sent ? 'secondary' : 'primary'}
          disabled={busy !== null}
          data-testid="esign-send-code"
          onClick={() =>
            run(
              'send',
              () => requestCode({ fileId, via }),
              () => setSent(true),
            )
          }
        >
          {busy === 'send' ? t('sending') : t('sendCode')}
        </Button>
        {sent ? <p className="text-sm text-green-700">{t('codeSent')}</p> : null}
      </section>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run(
            'sign',
            () => sign({ fileId, via, code }),
            () => {
              setDone(true);
              setCode('');
              setSent(false);
              router.refresh();
            },
          );
        }}
      >
        <h2 className="font-semibold">{t('step2')}</h2>
        <Field id="esign-code" label={t('codeLabel')}>
          <input
            id="esign-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className={inputStyles}
            required
          />
        </Field>
        <Button type="submit" disabled={busy !== null || !sent} data-testid="esign-sign">
          {busy === 'sign' ? t('signing') : t('sign')}
        </Button>
      </form>
    </div>
  );
}
