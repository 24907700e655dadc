'use client';

import { useTranslations } from 'next-intl';

/** Where the applicant is in the wizard; earlier steps can be revisited. */
export function ProgressSteps({
  steps,
  current,
  reached,
  onGo,
}: {
  steps: readonly string[];
  current: number;
  reached: number;
  onGo: (i: number) => void;
}) {
  const t = useTranslations('onboarding');
  const label = (s: string) => t(`steps.${s}` as 'steps.institution');
  return (
    <nav aria-label={t('progressLabel')} className="mb-6">
      <p className="mb-2 text-sm font-medium text-slate-700 lg:sr-only">
        {t('stepOf', { n: current + 1, total: steps.length, label: label(steps[current]!) })}
      </p>
      <ol className="flex items-center gap-1 sm:gap-2">
        {steps.map((s, i) => {
          const done = i < current;
          const tone =
            i === current
              ? 'border-brand-600 bg-brand-600 text-white'
              : done
                ? 'border-brand-600 bg-white text-brand-700'
                : 'border-slate-300 bg-white text-slate-500';
          return (
            <li key={s} className="flex flex-1 items-center gap-1 sm:gap-2">
              <button
                type="button"
                onClick={() => onGo(i)}
                disabled={i > reached}
                aria-current={i === current ? 'step' : undefined}
                className="flex min-h-11 items-center gap-2 rounded-lg text-left disabled:cursor-default"
              >
                <span
                  className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full border-2 text-sm font-semibold ${tone}`}
                >
                  {done ? '✓' : i + 1}
                </span>
                <span
                  className={`hidden text-sm lg:inline ${i === current ? 'font-semibold text-slate-900' : 'text-slate-600'}`}
                >
                  {label(s)}
                </span>
              </button>
              {i < steps.length - 1 ? (
                <span aria-hidden className="h-0.5 flex-1 rounded bg-slate-200" />
              ) : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
