import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { listMyIssuers } from '@/lib/locker/issuers';

export default async function LockerIssuersPage() {
  const { user } = await requirePageAccess('locker.view', { next: '/locker/issuers' });
  const [issuers, t] = await Promise.all([
    listMyIssuers(getDb(), { userId: user.id }),
    getTranslations('sharing.issuers'),
  ]);
  return (
    <div className="space-y-6" data-testid="locker-issuers">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <Card>
        {issuers.length === 0 ? (
          <EmptyState>{t('empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="issuer-list">
            {issuers.map((i) => (
              <li key={i.orgId} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
                <span className="font-medium">{i.name}</span>
                <span className="text-sm text-slate-500">{i.code}</span>
                <span className="text-sm text-slate-700 sm:ml-auto">
                  {t('documents', { count: i.documents })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4 text-sm">
          <Link href="/directory" className="text-brand-700 underline">
            {t('directoryLink')}
          </Link>
        </p>
      </Card>
    </div>
  );
}
