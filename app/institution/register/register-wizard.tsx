'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import type { AgreementText } from '@/lib/institutions/agreement';
import type { ListedEntry } from '@/lib/institutions/registry';
import {
  ZRegisterInstitutionInput,
  type TContactPerson,
  type TRegisterInstitutionInput,
} from '@/lib/institutions/schemas';
import { AgreementStep } from './agreement-step';
import { ContactFields } from './contact-fields';
import { InstitutionStep, type Lookup } from './institution-step';
import { ProgressSteps } from './progress-steps';
import { ReviewStep } from './review-step';
import { useFieldError } from './use-field-error';

type Values = TRegisterInstitutionInput;
type Me = { name: string; mobile: string; email: string };

// Seed 000 §2.4 iii–vi: institution, account owner, authorized person, agreement; then review.
const STEPS = ['institution', 'owner', 'authorized', 'agreement', 'review'] as const;
const STEP_FIELDS: FieldPath<Values>[][] = [
  ['registryId', 'name', 'address', 'website'],
  ['owner'],
  ['authorized'],
  ['agreementVersion', 'acceptAgreement'],
  [],
];
const stepOf = (field: string) =>
  Math.max(
    0,
    STEP_FIELDS.findIndex((fs) => fs.some((f) => field === f || field.startsWith(`${f}.`))),
  );
const emptyContact: TContactPerson = { name: '', designation: '', mobile: '', email: '' };

export function RegisterWizard({
  initialEntries,
  agreement,
  version,
  me,
  lookup,
  submit,
}: {
  initialEntries: ListedEntry[];
  agreement: AgreementText;
  version: string;
  me: Me;
  lookup: Lookup;
  submit: (i: Values) => Promise<ActionResult>;
}) {
  const t = useTranslations('onboarding');
  const router = useRouter();
  const fieldError = useFieldError();
  const errorText = useErrorText();
  const top = useRef<HTMLDivElement>(null);
  const [step, setStep] = useState(0);
  const [reached, setReached] = useState(0);
  const [entry, setEntry] = useState<ListedEntry | null>(null);
  const [sameAsOwner, setSameAsOwner] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(ZRegisterInstitutionInput),
    defaultValues: {
      registryId: '',
      name: '',
      address: '',
      website: '',
      owner: emptyContact,
      authorized: emptyContact,
      agreementVersion: version,
    },
  });
  const errors = form.formState.errors;

  function go(i: number) {
    if (sameAsOwner) form.setValue('authorized', form.getValues('owner'));
    setStep(i);
    setReached((r) => Math.max(r, i));
    top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }

  async function next() {
    if (sameAsOwner) form.setValue('authorized', form.getValues('owner'));
    if (await form.trigger(STEP_FIELDS[step], { shouldFocus: true })) go(step + 1);
  }

  function selectEntry(e: ListedEntry) {
    // Keep a name the applicant typed; replace one that came from the previous pick.
    const name = form.getValues('name');
    if (!name || name === entry?.name) form.setValue('name', e.name);
    form.setValue('registryId', e.id, { shouldValidate: true });
    setEntry(e);
  }

  function fillMine(who: 'owner' | 'authorized') {
    const opts = { shouldValidate: true, shouldDirty: true };
    if (me.name) form.setValue(`${who}.name`, me.name, opts);
    if (me.mobile) form.setValue(`${who}.mobile`, me.mobile, opts);
    if (me.email) form.setValue(`${who}.email`, me.email, opts);
  }

  async function onSubmit(values: Values) {
    setServerError(null);
    const r = await submit(values);
    if (r.ok) {
      router.replace('/institution/register?submitted=1');
      return router.refresh();
    }
    const fields = Object.entries(r.error.fieldErrors ?? {});
    for (const [field, key] of fields) form.setError(field as FieldPath<Values>, { message: key });
    if (fields.length > 0) go(stepOf(fields[0]![0]));
    else setServerError(errorText(r.error));
  }

  const contactFields = (who: 'owner' | 'authorized') => {
    const f = (k: keyof TContactPerson) => ({
      reg: form.register(`${who}.${k}`),
      error: fieldError(errors[who]?.[k]?.message),
    });
    return {
      name: f('name'),
      designation: f('designation'),
      mobile: f('mobile'),
      email: f('email'),
    };
  };

  const mineButton = (who: 'owner' | 'authorized') =>
    me.mobile ? (
      <Button type="button" variant="secondary" onClick={() => fillMine(who)}>
        {t('useMyDetails')}
      </Button>
    ) : null;

  return (
    <div ref={top} className="scroll-mt-4">
      <ProgressSteps steps={STEPS} current={step} reached={reached} onGo={go} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step < STEPS.length - 1) return void next();
          void form.handleSubmit(onSubmit, (errs) => go(stepOf(Object.keys(errs)[0] ?? '')))();
        }}
        className="space-y-6"
      >
        <input type="hidden" {...form.register('registryId')} />
        <input type="hidden" {...form.register('agreementVersion')} />
        <div>
          <h2 className="text-lg font-semibold text-slate-900">{t(`steps.${STEPS[step]}`)}</h2>
          <p className="mt-1 text-sm text-slate-600">{t(`stepIntro.${STEPS[step]}`)}</p>
        </div>
        {step === 0 ? (
          <InstitutionStep
            form={form}
            initial={initialEntries}
            selected={entry}
            onSelect={selectEntry}
            lookup={lookup}
          />
        ) : null}
        {step === 1 ? (
          <div className="space-y-4">
            {mineButton('owner')}
            <ContactFields idPrefix="owner" fields={contactFields('owner')} />
          </div>
        ) : null}
        {step === 2 ? (
          <div className="space-y-4">
            <label className="flex min-h-11 items-center gap-3 text-sm text-slate-900">
              <input
                type="checkbox"
                className="h-5 w-5"
                checked={sameAsOwner}
                onChange={(e) => {
                  setSameAsOwner(e.target.checked);
                  form.setValue(
                    'authorized',
                    e.target.checked ? form.getValues('owner') : emptyContact,
                  );
                  form.clearErrors('authorized');
                }}
              />
              {t('sameAsOwner')}
            </label>
            {sameAsOwner ? null : mineButton('authorized')}
            <ContactFields
              idPrefix="authorized"
              fields={contactFields('authorized')}
              readOnly={sameAsOwner}
            />
          </div>
        ) : null}
        {step === 3 ? <AgreementStep form={form} agreement={agreement} version={version} /> : null}
        {step === 4 ? (
          <ReviewStep
            values={form.getValues()}
            entry={entry}
            sameAsOwner={sameAsOwner}
            onEdit={go}
          />
        ) : null}
        {serverError ? <Alert kind="error">{serverError}</Alert> : null}
        <div className="flex flex-wrap-reverse justify-between gap-3 border-t border-slate-100 pt-4">
          {step > 0 ? (
            <Button type="button" variant="secondary" onClick={() => go(step - 1)}>
              {t('back')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {step < STEPS.length - 1
              ? t('next')
              : form.formState.isSubmitting
                ? t('submitting')
                : t('submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
