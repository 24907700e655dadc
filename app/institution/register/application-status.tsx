import { getTranslations } from 'next-intl/server';
import { getDates } from '@/lib/i18n/page-dates';
import Link from 'next/link';
import { Badge, Card } from '@/components/ui';
import type { OwnApplication } from '@/lib/institutions';

const TONE = { pending: 'amber', approved: 'green', rejected: 'red' } as const;

/** The applicant's own applications and where each stands (seed 000 §2.4 vii). */
export async function ApplicationStatus({ apps }: { apps: OwnApplication[] }) {
  const t = await getTranslations('onboarding');
  const dates = await getDates();
  return (
    <Card title={t('yourApplications')}>
      <ul className="divide-y divide-slate-100" data-testid="own-applications">
        {apps.map((a) => (
          <li key={a.id} className="space-y-1 py-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{a.name}</span>
              <Badge tone={TONE[a.status]}>{t(`appStatus.${a.status}`)}</Badge>
            </div>
            <p className="text-sm text-slate-500">
              {t('submittedOn', { date: dates.day(a.createdAt) })}
            </p>
            <p className="text-sm text-slate-700">{t(`appStatusBody.${a.status}`)}</p>
            {a.status === 'rejected' && a.decisionReason ? (
              <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
                {t('rejectionReason', { reason: a.decisionReason })}
              </p>
            ) : null}
            {a.status === 'approved' ? (
              <Link href="/institution" className="text-sm text-brand-700 underline">
                {t('openInstitution')}
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

type OwnRequest = { id: string; name: string; status: string; note: string | null };

/** The applicant's requests to list a missing institution. */
export async function RegistryRequests({ requests }: { requests: OwnRequest[] }) {
  const t = await getTranslations('onboarding');
  return (
    <Card title={t('yourRequests')}>
      <ul className="divide-y divide-slate-100">
        {requests.map((r) => (
          <li key={r.id} className="space-y-1 py-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{r.name}</span>
              <Badge
                tone={r.status === 'listed' ? 'green' : r.status === 'declined' ? 'red' : 'amber'}
              >
                {t(`requestStatus.${r.status as 'listed'}`)}
              </Badge>
            </div>
            {r.status === 'declined' && r.note ? (
              <p className="text-sm text-red-800">{t('rejectionReason', { reason: r.note })}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
