import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { Forbidden } from '@/components/layout/forbidden';
import { guardArea } from '@/lib/auth/guard';

export default async function LockerLayout({ children }: { children: ReactNode }) {
  const user = await guardArea('locker');
  if (!user) return <Forbidden home="/sign-in" />;
  const t = await getTranslations();
  return (
    <AreaShell title={t('areas.locker')} links={[{ href: '/locker', label: t('locker.title') }]}>
      {children}
    </AreaShell>
  );
}
