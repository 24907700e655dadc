import { getTranslations } from 'next-intl/server';
import { Badge, EmptyState, PageTitle } from '@/components/ui';
import { recentAuditEntries } from '@/lib/audit/queries';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';

export default async function AuditPage() {
  await requirePageAccess('admin.audit.view', { next: '/admin/audit' });
  const t = await getTranslations('admin');
  const [entries, dates] = await Promise.all([recentAuditEntries(200), getDates()]);
  return (
    <div className="space-y-6">
      <PageTitle>{t('audit')}</PageTitle>
      {entries.length === 0 ? (
        <EmptyState>{t('auditEmpty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                {[t('when'), t('who'), t('what'), t('object'), t('outcome'), t('from')].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-3 py-2">
                    <time dateTime={e.at.toISOString()}>{dates.timestamp(e.at)}</time>
                  </td>
                  <td className="px-3 py-2">{e.actorName ?? e.actorMobile ?? '—'}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {e.objectType}:{e.objectId?.slice(0, 8)}
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={e.outcome === 'ok' ? 'green' : 'red'}>{e.outcome}</Badge>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{e.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
