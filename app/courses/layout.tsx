import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { guardArea } from '@/lib/auth/guard';

export default async function CoursesLayout({ children }: { children: ReactNode }) {
  await guardArea('courses');
  const t = await getTranslations();
  return (
    <AreaShell title={t('areas.courses')} links={[{ href: '/courses', label: t('courses.title') }]}>
      {children}
    </AreaShell>
  );
}
