import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { guardArea } from '@/lib/auth/guard';

export default async function InstitutionLayout({ children }: { children: ReactNode }) {
  await guardArea('institution');
  const t = await getTranslations();
  return (
    <AreaShell
      title={t('areas.institution')}
      links={[
        { href: '/institution', label: t('institution.title') },
        { href: '/institution/uploads', label: t('records.nav') },
        { href: '/institution/people', label: t('institutionPeople.nav') },
      ]}
    >
      {children}
    </AreaShell>
  );
}
