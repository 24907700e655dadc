import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { guardArea } from '@/lib/auth/guard';

export default async function LockerLayout({ children }: { children: ReactNode }) {
  await guardArea('locker');
  const t = await getTranslations();
  return (
    <AreaShell title={t('areas.locker')} links={[{ href: '/locker', label: t('locker.title') }]}>
      {children}
    </AreaShell>
  );
}
