import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { Badge, Card, EmptyState, PageTitle } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';
import { ACCESS_PAGE_SIZE, listAccessLog, type AccessLogRow } from '@/lib/locker/access-log';

const ACTIONS = new Set(['view', 'pdf', 'xml', 'both', 'file', 'signed', 'signature']);

export default async function LockerAccessPage({
  searchParams,
}: {
  searchParams: Promise<{ own?: string; page?: string }>;
}) {
  const { user } = await requirePageAccess('locker.view', { next: '/locker/access' });
  const { own, page: pageParam } = await searchParams;
  const includeOwn = own === '1';
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  const [{ rows, total }, dates, t] = await Promise.all([
    listAccessLog(getDb(), { ownerUserId: user.id, includeOwn, page }),
    getDates(),
    getTranslations('sharing.access'),
  ]);
  const pages = Math.max(1, Math.ceil(total / ACCESS_PAGE_SIZE));
  const href = (p: number, withOwn = includeOwn) =>
    `/locker/access?${new URLSearchParams({ ...(withOwn ? { own: '1' } : {}), page: String(p) })}`;
  const who = (r: AccessLogRow) =>
    r.actorKind === 'issuer_staff' || r.actorKind === 'partner' || r.actorKind === 'verifier'
      ? t(`actors.${r.actorKind}`, { name: r.actorName ?? t('unknownOrg') })
      : t(`actors.${r.actorKind}`);
  const via = (r: AccessLogRow) =>
    r.shareLinkId ? t('viaLink') : r.actorKind === 'partner' ? t('viaPartner') : t('viaSite');
  return (
    <div className="space-y-6" data-testid="locker-access">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <Card>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
          <span>{t('timesIn', { zone: dates.timeZone })}</span>
          <Link href={href(1, !includeOwn)} className="text-brand-700 underline">
            {includeOwn ? t('excludeOwn') : t('includeOwn')}
          </Link>
        </div>
        {rows.length === 0 ? (
          <EmptyState>{t('empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="access-list">
            {rows.map((r) => (
              <li key={r.id} className="space-y-1 py-3" data-actor={r.actorKind}>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-medium">{who(r)}</span>
                  <span className="text-slate-700">
                    {t(`actions.${ACTIONS.has(r.action) ? r.action : 'other'}` as 'actions.view')}
                  </span>
                  <Badge tone={r.outcome === 'allowed' ? 'green' : 'red'}>{t(r.outcome)}</Badge>
                </div>
                <p className="text-sm break-all text-slate-800">{r.documentLabel}</p>
                <p className="text-sm text-slate-600">
                  <time dateTime={r.at.toISOString()}>{dates.timestamp(r.at)}</time>
                  {' · '}
                  {t('via')}: {via(r)}
                  {r.purpose ? (
                    <>
                      {' · '}
                      {t('purpose')}: {r.purpose}
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4">
          <PageLinks page={page} pages={pages} href={(p) => href(p)} />
        </div>
      </Card>
    </div>
  );
}
