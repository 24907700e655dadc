import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, EmptyState, PageTitle } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';
import {
  listShareLinks,
  parseShareTarget,
  shareableDocuments,
  SHARE_PAGE_SIZE,
} from '@/lib/locker/share-links';
import { createShareLinkAction, revokeShareLinkAction } from './actions';
import { RevokeLinkButton } from './revoke-link-button';
import { ShareForm } from './share-form';

const TONE = { active: 'green', expired: 'slate', revoked: 'red' } as const;

export default async function LockerSharesPage({
  searchParams,
}: {
  searchParams: Promise<{ new?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess('locker.view', { next: '/locker/shares' });
  const { new: wanted, page: pageParam } = await searchParams;
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  const db = getDb();
  const [options, { rows, total }, dates, t] = await Promise.all([
    shareableDocuments(db, { userId: user.id }),
    listShareLinks(db, { userId: user.id, page }),
    getDates(),
    getTranslations('sharing'),
  ]);
  // `?new=certificate:{id}` from a document's page: chosen when it is one of mine.
  const preselected =
    parseShareTarget(wanted) && options.some((o) => o.value === wanted) ? wanted! : null;
  const pages = Math.max(1, Math.ceil(total / SHARE_PAGE_SIZE));
  return (
    <div className="space-y-6" data-testid="locker-shares">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <Card title={t('shares.newTitle')}>
        {options.length === 0 ? (
          <EmptyState>{t('shares.noDocuments')}</EmptyState>
        ) : (
          <ClientMessages namespaces={['sharing', 'errors']}>
            <ShareForm
              options={options}
              preselected={preselected}
              create={createShareLinkAction}
              formatTime={{ locale: dates.locale, timeZone: dates.timeZone }}
            />
          </ClientMessages>
        )}
      </Card>
      <Card title={t('shares.listTitle')}>
        {rows.length === 0 ? (
          <EmptyState>{t('shares.empty')}</EmptyState>
        ) : (
          <ClientMessages namespaces={['sharing', 'confirm', 'errors']}>
            <ul className="divide-y divide-slate-100" data-testid="share-list">
              {rows.map((r) => (
                <li key={r.id} className="space-y-1 py-3" data-state={r.state}>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className="font-medium break-all">{r.label}</span>
                    <Badge tone={TONE[r.state]}>{t(`shares.states.${r.state}`)}</Badge>
                    {r.state === 'active' ? (
                      <span className="ml-auto">
                        <RevokeLinkButton
                          id={r.id}
                          document={r.label}
                          revoke={revokeShareLinkAction}
                        />
                      </span>
                    ) : null}
                  </div>
                  <dl className="grid grid-cols-1 gap-x-4 text-sm text-slate-600 sm:grid-cols-3">
                    <div>
                      <dt className="inline">{t('shares.created')}: </dt>
                      <dd className="inline">{dates.timestamp(r.createdAt)}</dd>
                    </div>
                    <div>
                      <dt className="inline">{t('shares.expires')}: </dt>
                      <dd className="inline">{dates.timestamp(r.expiresAt)}</dd>
                    </div>
                    <div>
                      <dt className="inline">{t('shares.opens')}: </dt>
                      <dd className="inline">{t('shares.opensCount', { count: r.opens })}</dd>
                    </div>
                    {r.purpose ? (
                      <div className="sm:col-span-3">
                        <dt className="inline">{t('shares.purposeShown')}: </dt>
                        <dd className="inline">{r.purpose}</dd>
                      </div>
                    ) : null}
                  </dl>
                </li>
              ))}
            </ul>
          </ClientMessages>
        )}
        <PageLinks page={page} pages={pages} href={(p) => `/locker/shares?page=${p}`} />
      </Card>
    </div>
  );
}
