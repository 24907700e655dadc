import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { grantingMemberships } from '@/lib/auth/permissions';
import { listOrgPeople } from '@/lib/institutions';
import { actingInstitution } from '@/lib/institutions/acting';
import { addAuthorizedPersonAction, removeOrgPersonAction } from './actions';
import { AddPersonForm } from './add-person-form';
import { RemovePersonButton } from './remove-person-button';

export default async function InstitutionPeoplePage() {
  const { user } = await requirePageAccess('institution.view', {
    next: '/institution/people',
  });
  const org = await actingInstitution(user, 'institution.view').catch(() => notFound());
  const orgId = org.id;
  // Owners add people; operators see the list only.
  const canManage =
    grantingMemberships(user.memberships, 'institution.members.manage', orgId).length > 0;
  const people = await listOrgPeople(getDb(), { orgId });
  const t = await getTranslations();
  // The last owner cannot be removed (the server refuses it too): no button for them.
  const owners = people.filter((p) => p.roles.includes('institution_owner')).length;
  const removable = (p: (typeof people)[number]) =>
    canManage && !(p.roles.includes('institution_owner') && owners <= 1);
  return (
    <div className="space-y-6" data-testid="institution-people">
      <PageTitle sub={t('institutionPeople.intro')}>{t('institutionPeople.title')}</PageTitle>
      <Card title={org.name || t('institutionPeople.title')}>
        <ClientMessages namespaces={['institutionPeople', 'confirm', 'errors']}>
          <ul className="divide-y divide-slate-100" data-testid="people-list">
            {people.map((p) => (
              <li key={p.userId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3">
                <span className="font-medium">{p.name ?? '—'}</span>
                {p.designation ? (
                  <span className="text-sm text-slate-600">{p.designation}</span>
                ) : null}
                {p.roles.map((r) => (
                  <Badge key={r} tone={r === 'institution_owner' ? 'green' : 'slate'}>
                    {t(`roles.${r}` as 'roles.citizen')}
                  </Badge>
                ))}
                <span className="w-full text-sm text-slate-500 sm:ml-auto sm:w-auto">
                  {[p.mobile, p.email].filter(Boolean).join(' · ')}
                </span>
                {removable(p) ? (
                  <RemovePersonButton
                    orgId={orgId}
                    institution={org.name}
                    person={{ userId: p.userId, name: p.name ?? p.mobile ?? '—' }}
                    remove={removeOrgPersonAction}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </ClientMessages>
      </Card>
      {canManage ? (
        <Card title={t('institutionPeople.addTitle')}>
          <p className="mb-4 text-sm text-slate-600">{t('institutionPeople.addIntro')}</p>
          <ClientMessages
            namespaces={['institutionPeople', 'onboardingContact', 'onboardingErrors', 'errors']}
          >
            <AddPersonForm orgId={orgId} add={addAuthorizedPersonAction} />
          </ClientMessages>
        </Card>
      ) : (
        <p className="text-sm text-slate-600">{t('institutionPeople.ownerOnly')}</p>
      )}
    </div>
  );
}
