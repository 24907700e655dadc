'use client';

import { useTranslations } from 'next-intl';
import type { UseFormReturn } from 'react-hook-form';
import type { AgreementText } from '@/lib/institutions/agreement';
import type { TRegisterInstitutionInput } from '@/lib/institutions/schemas';
import { useFieldError } from './use-field-error';

/** Step 4: the click-wrap agreement (seed 000 §2.4 vi); its version is stored on submit. */
export function AgreementStep({
  form,
  agreement,
  version,
}: {
  form: UseFormReturn<TRegisterInstitutionInput>;
  agreement: AgreementText;
  version: string;
}) {
  const t = useTranslations('onboarding');
  const fieldError = useFieldError();
  const error = fieldError(
    form.formState.errors.acceptAgreement?.message ??
      form.formState.errors.agreementVersion?.message,
  );
  return (
    <div className="space-y-4">
      <div
        tabIndex={0}
        role="region"
        aria-labelledby="agreement-title"
        className="max-h-80 overflow-y-auto rounded-lg border border-slate-300 bg-white p-4 text-sm leading-relaxed text-slate-800"
      >
        <h3 id="agreement-title" className="font-semibold text-slate-900">
          {agreement.title}
        </h3>
        <p className="mb-3 text-xs text-slate-500">{t('agreementVersion', { version })}</p>
        <ol className="list-decimal space-y-2 pl-5">
          {agreement.clauses.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ol>
      </div>
      <label className="flex min-h-11 items-start gap-3 text-sm text-slate-900">
        <input
          type="checkbox"
          className="mt-0.5 h-5 w-5 shrink-0"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'agreement-error' : undefined}
          {...form.register('acceptAgreement')}
        />
        <span>{t('acceptAgreement', { version })}</span>
      </label>
      {error ? (
        <p id="agreement-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
