import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { ROLES } from '@/lib/auth/permissions';
import { requirePageAccess } from '@/lib/auth/guard';
import { listOrganisations, searchUsers } from '@/lib/identity/users';
import {
  blockUserAction,
  grantRoleAction,
  revokeMembershipAction,
  unblockUserAction,
} from './actions';
import { BlockControl } from './block-control';
import { GrantRoleForm, RevokeButton } from './member-controls';

export default async function MembersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string }>;
}) {
  await requirePageAccess('admin.members.manage', { next: '/admin/members' });
  const { q = '' } = await searchParams;
  const t = await getTranslations();
  const [found, orgs] = await Promise.all([searchUsers(q), listOrganisations()]);
  const roles = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <ClientMessages namespaces={['admin', 'adminBlock', 'errors']}>
      <div className="space-y-6">
        <PageTitle>{t('admin.members')}</PageTitle>
        <SearchForm
          name="q"
          label={t('admin.search')}
          button={t('admin.searchButton')}
          defaultValue={q}
        />
        {found.length === 0 ? (
          <EmptyState>{t('admin.noUsers')}</EmptyState>
        ) : (
          <div className="space-y-3">
            {found.map((u) => (
              <Card key={u.id}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium">
                    {u.name ?? '—'}
                    {u.status === 'disabled' ? (
                      <span className="ml-2" data-testid="blocked-badge">
                        <Badge tone="red">{t('adminBlock.blocked')}</Badge>
                      </span>
                    ) : null}
                  </p>
                  <p className="text-sm text-slate-500">
                    {[u.mobile, u.email].filter(Boolean).join(' · ')}
                  </p>
                </div>
                {u.statusReason ? (
                  <p className="mt-1 text-sm text-red-800">
                    {t('adminBlock.blockedBecause', { reason: u.statusReason })}
                  </p>
                ) : null}
                <ul className="mt-2 flex flex-wrap gap-2">
                  {u.roles.map((r) => (
                    <li
                      key={r.membershipId}
                      className="flex items-center gap-1 rounded-full border border-slate-200 px-2 py-0.5 text-sm"
                    >
                      <Badge>{t(`roles.${r.role}` as 'roles.citizen')}</Badge>
                      {r.orgName ? <span className="text-slate-600">{r.orgName}</span> : null}
                      <RevokeButton
                        membershipId={r.membershipId}
                        label={t('admin.remove')}
                        texts={{
                          title: t('confirm.removeRoleTitle', {
                            role: [t(`roles.${r.role}` as 'roles.citizen'), r.orgName]
                              .filter(Boolean)
                              .join(' · '),
                            name: u.name ?? u.mobile ?? u.email ?? '—',
                          }),
                          body: t('confirm.removeRoleBody'),
                          confirm: t('confirm.removeRoleConfirm'),
                          cancel: t('confirm.cancel'),
                        }}
                        revoke={revokeMembershipAction}
                      />
                    </li>
                  ))}
                </ul>
                <div className="mt-3 border-t border-slate-100 pt-3">
                  <BlockControl
                    userId={u.id}
                    name={u.name ?? u.mobile ?? u.email ?? ''}
                    blocked={u.status === 'disabled'}
                    block={blockUserAction}
                    unblock={unblockUserAction}
                  />
                </div>
                <div className="mt-3 border-t border-slate-100 pt-3">
                  <GrantRoleForm
                    userId={u.id}
                    orgs={orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind }))}
                    roles={roles}
                    grant={grantRoleAction}
                  />
                </div>
              </Card>
            ))}
          </div>
        )}
      </div>
    </ClientMessages>
  );
}
