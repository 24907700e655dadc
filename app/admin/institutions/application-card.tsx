import { getTranslations } from 'next-intl/server';
import { getDates } from '@/lib/i18n/page-dates';
import type { ReactNode } from 'react';
import type { ContactPerson } from '@/db/schema';
import type { AdminApplication } from '@/lib/institutions';

/** Everything an admin needs to verify an application (seed 000 §2.4 vii). */
export async function ApplicationDetails({ app }: { app: AdminApplication }) {
  const t = await getTranslations('adminInstitutions');
  const tk = await getTranslations('onboarding');
  const when = (await getDates()).timestamp;
  return (
    <div className="space-y-4">
      <dl className="facts">
        <Fact label={t('listedAs')}>
          {app.registryName} <span className="font-mono text-xs">({app.code})</span>
        </Fact>
        <Fact label={t('kind')}>
          {tk(`kinds.${app.kind}`)}
          {app.city || app.state ? ` · ${[app.city, app.state].filter(Boolean).join(', ')}` : ''}
        </Fact>
        <Fact label={t('address')}>{app.address}</Fact>
        <Fact label={t('website')}>
          {app.website ? (
            <a href={app.website} target="_blank" rel="noopener noreferrer" className="underline">
              {app.website}
            </a>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label={t('applicant')}>
          {[app.applicantName, app.applicantMobile, app.applicantEmail].filter(Boolean).join(' · ')}
        </Fact>
        <Fact label={t('submittedAt')}>{when(app.createdAt)}</Fact>
        <Fact label={t('agreement')}>
          {t('agreementAccepted', {
            version: app.agreementVersion,
            at: when(app.agreementAcceptedAt),
          })}
        </Fact>
      </dl>
      <div className="grid gap-4 sm:grid-cols-2">
        <Contact title={t('owner')} c={app.owner} />
        <Contact title={t('authorized')} c={app.authorized} />
      </div>
    </div>
  );
}

async function Contact({ title, c }: { title: string; c: ContactPerson }) {
  const t = await getTranslations('onboardingContact');
  return (
    <section className="rounded-lg border border-slate-200 p-3">
      <h4 className="mb-2 text-sm font-semibold text-slate-900">{title}</h4>
      <dl className="space-y-1 text-sm">
        <Line label={t('name')}>{c.name}</Line>
        <Line label={t('designation')}>{c.designation}</Line>
        <Line label={t('mobile')}>
          <a href={`tel:+91${c.mobile}`} className="underline">
            {c.mobile}
          </a>
        </Line>
        <Line label={t('email')}>
          <a href={`mailto:${c.email}`} className="break-all underline">
            {c.email}
          </a>
        </Line>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-slate-500">{label}:</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
