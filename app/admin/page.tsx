import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { Alert, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { adminOverview } from '@/lib/admin/overview';
import { countPendingApplications } from '@/lib/institutions';
import { requirePageAccess } from '@/lib/auth/guard';
import { countKeyHolders } from '@/lib/credentials/rotate-keys';

export default async function AdminPage() {
  await requirePageAccess('admin.view', { next: '/admin' });
  const t = await getTranslations('admin');
  const [o, pendingApplications, keyHolders] = await Promise.all([
    adminOverview(),
    countPendingApplications(getDb()),
    countKeyHolders(getDb()),
  ]);
  const ti = await getTranslations('adminInstitutions');
  const tk = await getTranslations('adminKeys');
  const tb = await getTranslations('adminBlock');
  const stats = [
    { label: t('users'), value: o.users },
    { label: t('organisations'), value: o.organisations },
    { label: t('pendingMessages'), value: o.pendingMessages },
    { label: ti('overviewPending'), value: pendingApplications, href: '/admin/institutions' },
    { label: tk('overviewCount'), value: keyHolders, href: '/admin/keys' },
    {
      label: tb('smsThisHour'),
      value: `${o.smsBudget.used} / ${o.smsBudget.budget}`,
      href: '/admin/audit',
    },
  ];
  return (
    <div className="space-y-6" data-testid="area-admin">
      <PageTitle>{t('title')}</PageTitle>
      {o.smsBudget.breachedToday ? (
        <div data-testid="sms-budget-breached">
          <Alert kind="error">{tb('smsBudgetBreached', { budget: o.smsBudget.budget })}</Alert>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.label}>
            <p className="text-sm text-slate-500">
              {s.href ? (
                <Link href={s.href} className="underline">
                  {s.label}
                </Link>
              ) : (
                s.label
              )}
            </p>
            <p className="mt-1 text-3xl font-semibold">{s.value}</p>
          </Card>
        ))}
      </div>
    </div>
  );
}
