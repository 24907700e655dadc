import { getTranslations } from 'next-intl/server';
import { getDates } from '@/lib/i18n/page-dates';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { listApplications, listRegistry } from '@/lib/institutions';
import { REGISTRY_KINDS } from '@/lib/institutions/schemas';
import {
  addRegistryEntryAction,
  approveApplicationAction,
  declineRegistryEntryAction,
  listRequestedEntryAction,
  rejectApplicationAction,
} from './actions';
import { ApplicationDetails } from './application-card';
import { DecisionControls } from './decision-controls';
import { AddEntryForm, RequestDecision } from './registry-controls';

const NAMESPACES = ['adminInstitutions', 'onboardingErrors', 'errors'];

/** A starting point for the admin: `in.sanad.` and the name's letters. */
const suggestCode = (name: string) =>
  `in.sanad.${name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 30)}`;

export default async function AdminInstitutionsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string }>;
}) {
  await requirePageAccess('admin.organisations.approve', { next: '/admin/institutions' });
  const { q = '' } = await searchParams;
  const db = getDb();
  const [pending, decided, requested, listed] = await Promise.all([
    listApplications(db, { status: 'pending' }),
    listApplications(db, { status: 'decided', limit: 10 }),
    listRegistry(db, { status: 'requested' }),
    listRegistry(db, { status: 'listed', q }),
  ]);
  const t = await getTranslations('adminInstitutions');
  const tk = await getTranslations('onboarding');
  const dates = await getDates();
  const kinds = REGISTRY_KINDS.map((k) => ({ value: k, label: tk(`kinds.${k}`) }));
  return (
    <ClientMessages namespaces={NAMESPACES}>
      <div className="space-y-6" data-testid="admin-institutions">
        <PageTitle sub={t('intro')}>{t('title')}</PageTitle>

        <Card title={t('pendingTitle', { count: pending.length })}>
          {pending.length === 0 ? (
            <EmptyState>{t('pendingEmpty')}</EmptyState>
          ) : (
            <ul className="space-y-6">
              {pending.map((a) => (
                <li
                  key={a.id}
                  className="rounded-lg border border-slate-200 p-4"
                  data-testid="pending-application"
                >
                  <h3 className="mb-3 text-lg font-semibold">{a.name}</h3>
                  <ApplicationDetails app={a} />
                  <DecisionControls
                    applicationId={a.id}
                    name={a.name}
                    approve={approveApplicationAction}
                    reject={rejectApplicationAction}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>

        {decided.length > 0 ? (
          <Card title={t('decidedTitle')}>
            <ul className="divide-y divide-slate-100">
              {decided.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
                  <span className="font-medium">{a.name}</span>
                  <Badge tone={a.status === 'approved' ? 'green' : 'red'}>
                    {tk(`appStatus.${a.status}`)}
                  </Badge>
                  {a.decidedAt ? (
                    <span className="text-slate-500">{dates.day(a.decidedAt)}</span>
                  ) : null}
                  {a.decisionReason ? (
                    <span className="w-full text-slate-600">{a.decisionReason}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}

        <Card title={t('requestsTitle', { count: requested.length })}>
          {requested.length === 0 ? (
            <EmptyState>{t('requestsEmpty')}</EmptyState>
          ) : (
            <ul className="space-y-6">
              {requested.map((r) => (
                <li key={r.id} className="rounded-lg border border-slate-200 p-4">
                  <p className="mb-1 text-sm text-slate-600">
                    {t('requestedBy', {
                      who: [r.requesterName, r.requesterMobile, r.requesterEmail]
                        .filter(Boolean)
                        .join(' · '),
                      date: dates.day(r.createdAt),
                    })}
                  </p>
                  {r.note ? <p className="mb-3 text-sm italic text-slate-700">“{r.note}”</p> : null}
                  <RequestDecision
                    entry={{
                      id: r.id,
                      name: r.name,
                      code: suggestCode(r.name),
                      kind: r.kind,
                      city: r.city ?? '',
                      state: r.state ?? '',
                    }}
                    kinds={kinds}
                    list={listRequestedEntryAction}
                    decline={declineRegistryEntryAction}
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title={t('registryTitle')}>
          <details className="mb-6 rounded-lg border border-slate-200 p-4">
            <summary className="min-h-11 cursor-pointer font-medium">{t('addEntry')}</summary>
            <div className="mt-3">
              <AddEntryForm add={addRegistryEntryAction} kinds={kinds} />
            </div>
          </details>
          <SearchForm
            name="q"
            label={t('search')}
            button={t('searchButton')}
            defaultValue={q}
            className="mb-4"
          />
          {listed.length === 0 ? (
            <EmptyState>{t('registryEmpty')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="registry-list">
              {listed.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <span className="font-medium">{r.name}</span>
                  <span className="font-mono text-xs text-slate-500">{r.code}</span>
                  <span className="text-sm text-slate-500">
                    {tk(`kinds.${r.kind}`)}
                    {r.city || r.state ? ` · ${[r.city, r.state].filter(Boolean).join(', ')}` : ''}
                  </span>
                  <Badge
                    tone={
                      r.availability === 'registered'
                        ? 'green'
                        : r.availability === 'pending'
                          ? 'amber'
                          : 'slate'
                    }
                  >
                    {t(`availability.${r.availability}`)}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </ClientMessages>
  );
}
