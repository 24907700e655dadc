'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

export function AnswerForm({
  id,
  orgId,
  answer,
}: {
  id: string;
  orgId: string;
  answer: (input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations('sharing.corrections');
  const errorText = useErrorText();
  const router = useRouter();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  function send(fixed: boolean) {
    setError(null);
    setStatus(null);
    start(async () => {
      const r = await answer({ id, orgId, answer: text, fixed });
      if (r.ok) {
        setText('');
        setStatus({ ok: true, text: t('answerSent') });
        router.refresh();
        return;
      }
      const key = r.error.fieldErrors?.answer;
      if (key === 'answerShort') setError(t('errorAnswerShort'));
      else if (key === 'answerLong') setError(t('errorAnswerLong'));
      else
        setStatus({
          ok: false,
          text: r.error.key === 'conflict' ? t('errorClosed') : errorText(r.error),
        });
    });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send(false);
      }}
      noValidate
      className="space-y-3"
      data-testid="answer-form"
    >
      <Field id={fieldId} label={t('answerLabel')} error={error}>
        <textarea
          id={fieldId}
          rows={3}
          maxLength={2000}
          className={inputStyles}
          value={text}
          aria-invalid={Boolean(error)}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      {status ? <Alert kind={status.ok ? 'success' : 'error'}>{status.text}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t('answerButton')}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => send(true)}>
          {t('fixedButton')}
        </Button>
      </div>
    </form>
  );
}
