import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { guardArea } from '@/lib/auth/guard';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await guardArea('admin');
  const t = await getTranslations('admin');
  const tc = await getTranslations();
  return (
    <AreaShell
      title={t('title')}
      links={[
        { href: '/admin', label: t('overview') },
        { href: '/admin/members', label: t('members') },
        { href: '/admin/institutions', label: tc('adminInstitutions.nav') },
        { href: '/admin/partners', label: t('partners') },
        { href: '/admin/keys', label: tc('adminKeys.nav') },
        { href: '/admin/audit', label: t('audit') },
      ]}
    >
      {children}
    </AreaShell>
  );
}
