import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { guardArea } from '@/lib/auth/guard';

export default async function VerifierLayout({ children }: { children: ReactNode }) {
  await guardArea('verifier');
  const t = await getTranslations();
  return (
    <AreaShell
      title={t('areas.verifier')}
      links={[{ href: '/verifier', label: t('verifier.title') }]}
    >
      {children}
    </AreaShell>
  );
}
