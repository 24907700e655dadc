import { getTranslations } from 'next-intl/server';
import { Badge, Card } from '@/components/ui';

export type OrgMembership = { role: string; orgName: string | null; orgStatus: string | null };

/** The organisations (and roles) through which the user works in an area. */
export async function OrgMemberships({ title, items }: { title: string; items: OrgMembership[] }) {
  const t = await getTranslations();
  return (
    <Card title={title}>
      <ul className="space-y-2">
        {items.map((m, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{m.orgName}</span>
            <Badge>{t(`roles.${m.role}` as 'roles.citizen')}</Badge>
            {m.orgStatus ? (
              <Badge tone={m.orgStatus === 'active' ? 'green' : 'amber'}>
                {t(`orgStatus.${m.orgStatus}` as 'orgStatus.active')}
              </Badge>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
