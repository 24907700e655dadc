'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { ListedEntry } from '@/lib/institutions/registry';
import type { TContactPerson, TRegisterInstitutionInput } from '@/lib/institutions/schemas';

/** Step 5: everything at a glance, with a way back to each part. */
export function ReviewStep({
  values,
  entry,
  sameAsOwner,
  onEdit,
}: {
  values: TRegisterInstitutionInput;
  entry: ListedEntry | null;
  sameAsOwner: boolean;
  onEdit: (step: number) => void;
}) {
  const t = useTranslations('onboarding');
  const tc = useTranslations('onboardingContact');
  const contact = (c: TContactPerson) => (
    <>
      <Fact label={tc('name')}>{c.name}</Fact>
      <Fact label={tc('designation')}>{c.designation}</Fact>
      <Fact label={tc('mobile')}>{c.mobile}</Fact>
      <Fact label={tc('email')}>{c.email}</Fact>
    </>
  );
  const section = (step: number, title: string, body: ReactNode) => (
    <section className="rounded-lg border border-slate-200 p-4">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{title}</h3>
        <button
          type="button"
          className="min-h-11 px-2 text-sm text-brand-700 underline"
          onClick={() => onEdit(step)}
        >
          {t('edit')}
        </button>
      </div>
      <dl className="facts">{body}</dl>
    </section>
  );
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{t('reviewIntro')}</p>
      {section(
        0,
        t('steps.institution'),
        <>
          <Fact label={t('listedAs')}>{entry ? `${entry.name} (${entry.code})` : '—'}</Fact>
          <Fact label={t('institutionName')}>{values.name}</Fact>
          <Fact label={t('address')}>{values.address}</Fact>
          <Fact label={t('website')}>{values.website || '—'}</Fact>
        </>,
      )}
      {section(1, t('steps.owner'), contact(values.owner))}
      {section(
        2,
        t('steps.authorized'),
        sameAsOwner ? (
          <Fact label={tc('name')}>{t('sameAsOwnerShort', { name: values.owner.name })}</Fact>
        ) : (
          contact(values.authorized)
        ),
      )}
      {section(
        3,
        t('steps.agreement'),
        <Fact label={t('agreementVersionLabel')}>
          {values.acceptAgreement ? t('accepted', { version: values.agreementVersion }) : '—'}
        </Fact>,
      )}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="whitespace-pre-line">{children}</dd>
    </div>
  );
}
