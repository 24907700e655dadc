'use client';

import { useTranslations } from 'next-intl';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field, inputStyles } from '@/components/ui';

type Key = 'name' | 'designation' | 'mobile' | 'email';
export type ContactFieldSet = Record<Key, { reg: UseFormRegisterReturn; error?: string }>;

const INPUT: Record<Key, { type: string; autoComplete: string; inputMode?: 'tel' | 'email' }> = {
  name: { type: 'text', autoComplete: 'name' },
  designation: { type: 'text', autoComplete: 'organization-title' },
  mobile: { type: 'tel', autoComplete: 'tel-national', inputMode: 'tel' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
};

/** Name, designation, mobile and email of a contact person (seed 000 §2.4 iv–v). */
export function ContactFields({
  idPrefix,
  fields,
  readOnly = false,
}: {
  idPrefix: string;
  fields: ContactFieldSet;
  readOnly?: boolean;
}) {
  const t = useTranslations('onboardingContact');
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {(Object.keys(INPUT) as Key[]).map((key) => {
        const id = `${idPrefix}-${key}`;
        const { error, reg } = fields[key];
        return (
          <Field
            key={key}
            id={id}
            label={t(key)}
            hint={key === 'mobile' ? t('mobileHint') : undefined}
            error={error}
          >
            <input
              id={id}
              {...INPUT[key]}
              className={`${inputStyles} read-only:bg-slate-50`}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${id}-error` : key === 'mobile' ? `${id}-hint` : undefined}
              readOnly={readOnly}
              {...reg}
            />
          </Field>
        );
      })}
    </div>
  );
}
