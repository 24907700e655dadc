import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { Alert, Badge, EmptyState, PageTitle } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { auditActionKey, isAuditAction } from '@/lib/audit/actions';
import { auditFilterQuery, parseAuditFilter } from '@/lib/audit/filter';
import { listAuditEntries } from '@/lib/audit/queries';
import { requirePageAccess } from '@/lib/auth/guard';
import { formatTimestamp } from '@/lib/i18n/format';
import { AuditFilters } from './audit-filters';

const OUTCOME_TONE = { ok: 'green', denied: 'red', failed: 'amber' } as const;

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageAccess('admin.audit.view', { next: '/admin/audit' });
  const { filter, problems } = parseAuditFilter(await searchParams);
  const [t, ta, locale, timeZone] = await Promise.all([
    getTranslations('audit'),
    getTranslations('auditActions'),
    getLocale(),
    getTimeZone(),
  ]);
  const { entries, total, page, pages } = await listAuditEntries(getDb(), { filter, timeZone });
  const label = (action: string) =>
    isAuditAction(action) ? ta(auditActionKey(action) as 'auth_sign_in') : action;
  // Each cell names its column on a phone, where the rows stack (globals.css has no table rules).
  const cell = 'block px-3 py-1 md:table-cell md:py-2';
  const caption = 'mr-1 text-xs text-slate-500 md:hidden';
  return (
    <div className="space-y-4">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <AuditFilters filter={filter} />
      {problems.map((p) => (
        <Alert key={p} kind="error">
          {t(`problem.${p}`)}
        </Alert>
      ))}
      <p className="text-sm text-slate-600" data-testid="audit-total">
        {t('total', { count: total })} · {t('timesIn', { zone: timeZone })}
      </p>
      {entries.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="block min-w-full text-left text-sm md:table">
            <thead className="hidden bg-slate-50 text-slate-600 md:table-header-group">
              <tr>
                {[t('when'), t('who'), t('what'), t('object'), t('outcome'), t('from_ip')].map(
                  (h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-medium">
                      {h}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="block md:table-row-group">
              {entries.map((e) => (
                <tr
                  key={e.id}
                  className="block border-t border-slate-100 py-2 md:table-row md:py-0"
                  data-testid="audit-entry"
                >
                  <td className={`${cell} whitespace-nowrap font-medium md:font-normal`}>
                    <time dateTime={e.at.toISOString()}>
                      {formatTimestamp(locale, e.at, timeZone)}
                    </time>
                  </td>
                  <td className={cell}>
                    <span className={caption}>{t('who')}:</span>
                    {e.actorName ?? e.actorMobile ?? e.actorEmail ?? t('nobody')}
                  </td>
                  <td className={cell}>
                    <span className={caption}>{t('what')}:</span>
                    <span>{label(e.action)}</span>{' '}
                    <code className="text-xs text-slate-500">{e.action}</code>
                  </td>
                  <td className={`${cell} break-all`}>
                    <span className={caption}>{t('object')}:</span>
                    {e.objectName || e.objectMobile ? (
                      (e.objectName ?? e.objectMobile)
                    ) : e.objectType ? (
                      <code className="text-xs">
                        {e.objectType}:{e.objectId?.slice(0, 36)}
                      </code>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className={cell}>
                    <span className={caption}>{t('outcome')}:</span>
                    <Badge tone={OUTCOME_TONE[e.outcome]}>{t(`outcomes.${e.outcome}`)}</Badge>
                  </td>
                  <td className={cell}>
                    <span className={caption}>{t('from_ip')}:</span>
                    <span className="font-mono text-xs">{e.ip ?? '—'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks
        page={page}
        pages={pages}
        href={(p) => `/admin/audit${auditFilterQuery(filter, p)}`}
      />
    </div>
  );
}
