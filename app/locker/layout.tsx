import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { guardArea } from '@/lib/auth/guard';

// Seed 001: the locker's sections. Each page checks the user again where it reads data.
const SECTIONS = [
  ['/locker', 'navIssued'],
  ['/locker/uploads', 'navUploads'],
  ['/locker/claim', 'navClaim'],
  ['/locker/shares', 'navShares'],
  ['/locker/access', 'navAccess'],
  ['/locker/issuers', 'navIssuers'],
  ['/locker/profile', 'navProfile'],
] as const;

export default async function LockerLayout({ children }: { children: ReactNode }) {
  await guardArea('locker');
  const t = await getTranslations();
  return (
    <AreaShell
      title={t('areas.locker')}
      links={SECTIONS.map(([href, key]) => ({ href, label: t(`locker.${key}`) }))}
    >
      {children}
    </AreaShell>
  );
}
