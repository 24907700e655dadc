import Link from 'next/link';
import { Badge, Pager, buttonStyles, inputStyles } from '@/components/ui';

type RowError = {
  column: string;
  value: string;
  code: string;
  values?: Record<string, string | number>;
};

type Row = {
  rowNo: number;
  operation: string;
  certNo: string;
  recipientName: string | null;
  outcome: 'accepted' | 'rejected';
  errors: RowError[];
  change: string | null;
  changedFields: string[] | null;
};

const FILTERS = ['all', 'rejected', 'accepted', 'new', 'changed', 'deleted', 'unchanged'] as const;

type T = (key: string, values?: Record<string, string | number>) => string;

/**
 * The per-row validation result: filter to errors, search by number or name,
 * every reason in words, and for a changed record the fields that differ. Plain links and a GET
 * form, so it works without JavaScript.
 */
export function UploadRowsTable({
  uploadId,
  filter,
  q,
  result,
  t,
  errorText,
}: {
  uploadId: string;
  filter: string;
  q: string;
  result: { rows: Row[]; total: number; page: number; pages: number };
  t: T;
  errorText: T;
}) {
  const href = (p: { filter?: string; page?: number }) => {
    const sp = new URLSearchParams();
    const f = p.filter ?? filter;
    if (f !== 'all') sp.set('filter', f);
    if (q) sp.set('q', q);
    if (p.page && p.page > 1) sp.set('page', String(p.page));
    const s = sp.toString();
    return `/institution/uploads/${uploadId}${s ? `?${s}` : ''}`;
  };
  return (
    <div className="space-y-4">
      <nav className="flex flex-wrap gap-2" aria-label={t('filterLabel')}>
        {FILTERS.map((f) => (
          <Link
            key={f}
            href={href({ filter: f })}
            aria-current={f === filter ? 'page' : undefined}
            data-testid={`filter-${f}`}
            className={`rounded-full border px-3 py-1 text-sm ${
              f === filter
                ? 'border-brand-600 bg-brand-600 text-white'
                : 'border-slate-300 text-slate-700 hover:bg-slate-50'
            }`}
          >
            {t(`filter.${f}`)}
          </Link>
        ))}
      </nav>
      <form method="get" className="flex max-w-lg gap-2">
        {filter !== 'all' ? <input type="hidden" name="filter" value={filter} /> : null}
        <label htmlFor="row-search" className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id="row-search"
          name="q"
          defaultValue={q}
          placeholder={t('searchLabel')}
          className={inputStyles}
        />
        <button type="submit" className={buttonStyles.secondary}>
          {t('searchButton')}
        </button>
      </form>
      <p className="text-sm text-slate-600" data-testid="rows-total">
        {t('rowsShown', { total: result.total })}
      </p>
      {result.rows.length === 0 ? (
        <p className="text-sm text-slate-500">{t('noRows')}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="upload-rows">
          {result.rows.map((r) => (
            <li
              key={r.rowNo}
              className="grid gap-1 py-3 sm:grid-cols-[5rem_1fr]"
              data-testid="upload-row"
              data-outcome={r.outcome}
            >
              <div className="text-sm text-slate-500">{t('rowNo', { row: r.rowNo })}</div>
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="font-mono text-sm font-medium break-all">{r.certNo || '—'}</span>
                  <span className="break-words">{r.recipientName ?? ''}</span>
                  <span className="text-xs text-slate-500">{r.operation}</span>
                  {r.outcome === 'rejected' ? (
                    <Badge tone="red">{t('filter.rejected')}</Badge>
                  ) : (
                    <Badge tone={r.change === 'unchanged' ? 'slate' : 'green'}>
                      {t(`filter.${r.change ?? 'accepted'}`)}
                    </Badge>
                  )}
                </div>
                {r.errors.length ? (
                  <ul
                    className="list-disc space-y-0.5 pl-5 text-sm text-red-800"
                    data-testid="row-errors"
                  >
                    {r.errors.map((e, i) => (
                      <li key={i}>
                        {errorText(e.code, { column: e.column, value: e.value, ...e.values })}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {r.change === 'changed' && r.changedFields?.length ? (
                  <p className="text-sm text-slate-600">
                    {t('changedFields', { fields: r.changedFields.join(', ') })}
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={result.page}
        pages={result.pages}
        href={(page) => href({ page })}
        labels={{
          nav: t('pagesLabel'),
          previous: t('previous'),
          next: t('next'),
          pageOf: t('pageOf', { page: result.page, pages: result.pages }),
        }}
      />
    </div>
  );
}
