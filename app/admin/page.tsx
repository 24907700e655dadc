import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui';
import { adminOverview } from '@/lib/admin/overview';
import { requirePageAccess } from '@/lib/auth/guard';

export default async function AdminPage() {
  await requirePageAccess('admin.view', { next: '/admin' });
  const t = await getTranslations('admin');
  const o = await adminOverview();
  const stats = [
    { label: t('users'), value: o.users },
    { label: t('organisations'), value: o.organisations },
    { label: t('pendingMessages'), value: o.pendingMessages },
  ];
  return (
    <div className="space-y-6" data-testid="area-admin">
      <PageTitle>{t('title')}</PageTitle>
      <div className="grid gap-4 sm:grid-cols-3">
        {stats.map((s) => (
          <Card key={s.label}>
            <p className="text-sm text-slate-500">{s.label}</p>
            <p className="mt-1 text-3xl font-semibold">{s.value}</p>
          </Card>
        ))}
      </div>
    </div>
  );
}
