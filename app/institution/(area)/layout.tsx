import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AreaShell } from '@/components/layout/area-shell';
import { ClientMessages } from '@/components/i18n/client-messages';
import { InstitutionSwitcher } from '@/components/layout/institution-switcher';
import { guardArea } from '@/lib/auth/guard';
import { actingInstitution, institutionsFor } from '@/lib/institutions/acting';
import { chooseInstitutionAction } from './actions';

export default async function InstitutionLayout({ children }: { children: ReactNode }) {
  const { user } = await guardArea('institution');
  const t = await getTranslations();
  const institutions = institutionsFor(user, 'institution.view');
  const acting = institutions.length > 1 ? await actingInstitution(user, 'institution.view') : null;
  return (
    <AreaShell
      title={t('areas.institution')}
      links={[
        { href: '/institution', label: t('institution.title') },
        { href: '/institution/certificates', label: t('certificateRegister.nav') },
        { href: '/institution/uploads', label: t('records.nav') },
        { href: '/institution/people', label: t('institutionPeople.nav') },
        { href: '/institution/corrections', label: t('sharing.corrections.issuerNav') },
      ]}
    >
      {acting ? (
        <ClientMessages namespaces={['institution', 'errors']}>
          <div className="mb-6">
            <InstitutionSwitcher
              options={institutions}
              current={acting.id}
              choose={chooseInstitutionAction}
            />
          </div>
        </ClientMessages>
      ) : null}
      {children}
    </AreaShell>
  );
}
