'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, Field, inputStyles } from '@/components/ui';
import {
  ZSignInCodeInput,
  ZSignInRequestInput,
  type TSignInCodeInput,
  type TSignInRequestInput,
} from '@/lib/auth/schemas';
import type { ActionResult } from '@/lib/http/action';
import { SIGN_IN_ERRORS } from '@/lib/auth/sign-in-errors';

export function SignInForm({
  requestCode,
  next,
  devInbox,
}: {
  requestCode: (input: TSignInRequestInput) => Promise<ActionResult>;
  next: string | null;
  devInbox: boolean;
}) {
  const t = useTranslations();
  const [identifier, setIdentifier] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const step1 = useForm<TSignInRequestInput>({
    resolver: zodResolver(ZSignInRequestInput),
    defaultValues: { identifier: '' },
  });
  const step2 = useForm<TSignInCodeInput>({
    resolver: zodResolver(ZSignInCodeInput),
    defaultValues: { identifier: '', code: '' },
  });

  const errorText = useErrorText();

  async function sendCode(values: TSignInRequestInput) {
    setFormError(null);
    const result = await requestCode(values);
    if (!result.ok) {
      const fieldKey = result.error.fieldErrors?.identifier;
      if (fieldKey) step1.setError('identifier', { message: fieldKey });
      else setFormError(errorText(result.error));
      return;
    }
    setIdentifier(values.identifier);
    step2.reset({ identifier: values.identifier, code: '' });
  }

  async function checkCode(values: TSignInCodeInput) {
    setFormError(null);
    const res = await signIn('otp', {
      identifier: values.identifier,
      code: values.code,
      redirect: false,
    });
    if (!res || res.error) {
      // next-auth passes on the name of a refusal the server explains (lib/auth/next-auth.ts).
      const known = (SIGN_IN_ERRORS as readonly string[]).includes(res?.error ?? '');
      if (known) setFormError(t(`errors.${res!.error}` as 'errors.blocked'));
      else step2.setError('code', { message: 'invalidCode' });
      return;
    }
    // A full navigation so the whole page (header, areas) renders for the signed-in user.
    window.location.assign(next ?? '/sign-in');
  }

  if (identifier === null) {
    const err = step1.formState.errors.identifier?.message;
    return (
      <form onSubmit={step1.handleSubmit(sendCode)} noValidate className="space-y-4">
        <Field
          id="identifier"
          label={t('signIn.identifierLabel')}
          hint={t('signIn.identifierHint')}
          error={err ? t(`errors.${err}` as 'errors.identifier') : undefined}
        >
          <input
            id="identifier"
            autoComplete="username"
            inputMode="email"
            className={inputStyles}
            aria-invalid={Boolean(err)}
            aria-describedby={err ? 'identifier-error' : 'identifier-hint'}
            {...step1.register('identifier')}
          />
        </Field>
        {formError ? <Alert kind="error">{formError}</Alert> : null}
        <Button type="submit" className="w-full" disabled={step1.formState.isSubmitting}>
          {step1.formState.isSubmitting ? t('signIn.sending') : t('signIn.sendCode')}
        </Button>
      </form>
    );
  }

  const codeErr = step2.formState.errors.code?.message;
  return (
    <form onSubmit={step2.handleSubmit(checkCode)} noValidate className="space-y-4">
      <Alert kind="info">
        <strong className="block">{t('signIn.codeSentTo', { who: identifier })}</strong>
        {t('signIn.codeSent')}
      </Alert>
      {devInbox ? (
        <p className="text-sm text-slate-600">
          {t('signIn.devInboxHint')}{' '}
          <a
            className="underline"
            href={`/dev/inbox?to=${encodeURIComponent(identifier)}`}
            target="_blank"
            rel="noreferrer"
          >
            /dev/inbox
          </a>
        </p>
      ) : null}
      <input type="hidden" {...step2.register('identifier')} />
      <Field
        id="code"
        label={t('signIn.codeLabel')}
        error={codeErr ? t(`errors.${codeErr}` as 'errors.code') : undefined}
      >
        <input
          id="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          className={`${inputStyles} tracking-[0.4em]`}
          aria-invalid={Boolean(codeErr)}
          {...step2.register('code')}
        />
      </Field>
      {formError ? <Alert kind="error">{formError}</Alert> : null}
      <Button type="submit" className="w-full" disabled={step2.formState.isSubmitting}>
        {step2.formState.isSubmitting ? t('signIn.verifying') : t('signIn.verify')}
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button type="button" className="underline" onClick={() => setIdentifier(null)}>
          {t('signIn.changeIdentifier')}
        </button>
        <button type="button" className="underline" onClick={() => void sendCode({ identifier })}>
          {t('signIn.resend')}
        </button>
      </div>
    </form>
  );
}
