import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { accountOverview } from '@/lib/auth/account';
import { getCurrentUser } from '@/lib/auth/session';
import { TimeZoneSync } from '@/components/layout/time-zone-sync';
import { getDates } from '@/lib/i18n/page-dates';
import { TIME_ZONE_COOKIE } from '@/lib/i18n/time-zone';
import {
  confirmLinkAction,
  endSessionAction,
  removeEmailAction,
  requestLinkCodeAction,
  signOutEverywhereAction,
} from './actions';
import { IdentifierForm } from './identifier-form';
import { EndSessionButton, SignOutEverywhereButton } from './session-controls';

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?next=%2Faccount');
  const account = await accountOverview(getDb(), {
    userId: user.id,
    sessionId: user.sessionId,
    staff: user.memberships.some((m) => m.role !== 'citizen'),
  });
  const t = await getTranslations('account');
  const dates = await getDates();
  const seenZone = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null;
  const rows = [
    {
      kind: 'mobile' as const,
      label: t('mobile'),
      value: account.mobile && `+91 ${account.mobile}`,
    },
    { kind: 'email' as const, label: t('email'), value: account.email },
  ];
  return (
    <ClientMessages namespaces={['account', 'errors']}>
      <div className="mx-auto max-w-3xl space-y-6" data-testid="account">
        <TimeZoneSync seen={seenZone} />
        <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
        <Card title={t('signInWays')}>
          <p className="mb-4 text-sm text-slate-600">{t('signInWaysHelp')}</p>
          <ul className="divide-y divide-slate-100">
            {rows.map((r) => (
              <li key={r.kind} className="space-y-2 py-4" data-testid={`sign-in-${r.kind}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="w-28 text-sm font-medium text-slate-800">{r.label}</span>
                  {r.value ? (
                    <>
                      <span className="break-all">{r.value}</span>
                      <Badge tone="green">{t('verified')}</Badge>
                    </>
                  ) : (
                    <span className="text-sm text-slate-500">{t('none')}</span>
                  )}
                </div>
                <IdentifierForm
                  kind={r.kind}
                  current={r.kind === 'mobile' ? account.mobile : account.email}
                  requestCode={requestLinkCodeAction}
                  confirm={confirmLinkAction}
                  remove={r.kind === 'email' && account.mobile ? removeEmailAction : undefined}
                />
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('sessions')}>
          <p className="mb-4 text-sm text-slate-600">{t('sessionsHelp')}</p>
          <ul className="divide-y divide-slate-100" data-testid="sessions">
            {account.sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="font-medium">
                    {t(`device.${s.device}`)}
                    {s.browser ? ` · ${s.browser}` : ''}
                    {s.current ? (
                      <span className="ml-2">
                        <Badge tone="green">{t('thisDevice')}</Badge>
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-500">
                    {t('signedInAt', {
                      at: dates.timestamp(s.createdAt),
                      method: t(`method.${s.method === 'email' ? 'email' : 'sms'}`),
                    })}
                    {' · '}
                    {t('lastActive', { at: dates.timestamp(s.lastSeenAt) })}
                  </p>
                </div>
                {s.current ? null : <EndSessionButton sessionId={s.id} end={endSessionAction} />}
              </li>
            ))}
          </ul>
          <div className="mt-4 border-t border-slate-100 pt-4">
            <SignOutEverywhereButton signOutEverywhere={signOutEverywhereAction} />
          </div>
        </Card>
      </div>
    </ClientMessages>
  );
}
