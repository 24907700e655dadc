'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { Alert, Card } from '@/components/ui';
import type { CsvPreview, Issue, RowIssue } from './csv-preview';

// What the browser found in the picked file, before anything is sent (upload-form.tsx).

/** Words for a file-level problem (recordUpload.file.<code>). */
export function useFileIssueText(): (issue: Issue) => string {
  const t = useTranslations('recordUpload.file');
  const format = useFormatter();
  return ({ code, values = {} }) => {
    const v = Object.fromEntries(
      Object.entries(values).map(([k, x]) => [k, typeof x === 'number' ? format.number(x) : x]),
    );
    return t.has(code) ? t(code, v) : t('readFailed');
  };
}

/** Words for a row problem: the server's catalog (recordErrors.<code>) when it has the code. */
function useRowIssueText(): (issue: RowIssue) => string {
  const t = useTranslations();
  return ({ code, column, value, values }) => {
    const args = { column, value, ...values };
    return t.has(`recordErrors.${code}`)
      ? t(`recordErrors.${code}`, args)
      : t('recordUpload.errors.fallback', { column, value, code });
  };
}

export function PreviewSummary({ preview, encoding }: { preview: CsvPreview; encoding: string }) {
  const t = useTranslations('recordUpload.summary');
  const format = useFormatter();
  const fileIssue = useFileIssueText();
  const h = preview.header;
  const list = (items: string[] | undefined) => (items?.length ? items.join(', ') : t('none'));
  const item = (label: string, value: string, testId?: string) => (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="break-words text-slate-900 sm:col-span-2" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <Card title={t('title')}>
      <div data-testid="preview-summary" className="space-y-4">
        <dl className="divide-y divide-slate-100">
          {item(t('rows'), format.number(preview.rows), 'preview-rows')}
          {item(t('recognised', { count: h?.recognised.length ?? 0 }), list(h?.recognised))}
          {item(t('missing'), list(h?.missing), 'preview-missing')}
          {item(t('unknown'), list(h?.unknown))}
          {item(t('encoding'), encoding.toUpperCase())}
        </dl>
        {preview.blocking.length ? (
          <Alert kind="error">
            <p className="font-medium">{t('blockingTitle')}</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {preview.blocking.map((b) => (
                <li key={b.code}>{fileIssue(b)}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {preview.unreadable ? <Alert kind="info">{fileIssue({ code: 'unreadable' })}</Alert> : null}
      </div>
    </Card>
  );
}

export function SampleTable({ preview }: { preview: CsvPreview }) {
  const t = useTranslations('recordUpload.sample');
  if (!preview.sample.length) return null;
  return (
    <Card title={t('title')}>
      <p className="mb-3 text-sm text-slate-600">{t('masked')}</p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('title')}>
        <table className="min-w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200">
              {preview.columns.map((c, i) => (
                <th key={i} scope="col" className="whitespace-nowrap px-2 py-1 font-medium">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row, r) => (
              <tr key={r} className="border-b border-slate-100">
                {preview.columns.map((_, i) => (
                  <td
                    key={i}
                    title={row[i]}
                    className="max-w-xs truncate whitespace-nowrap px-2 py-1"
                  >
                    {row[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export function RowProblems({ preview }: { preview: CsvPreview }) {
  const t = useTranslations('recordUpload.errors');
  const issueText = useRowIssueText();
  if (preview.blocking.length) return null;
  return (
    <Card title={t('title')}>
      {preview.errorRows === 0 ? (
        <p className="text-sm text-emerald-800">{t('none')}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="preview-errors">
            {t('count', { count: preview.errorRows })}{' '}
            {preview.errorRows > preview.listed.length
              ? t('first', { count: preview.listed.length })
              : null}
          </p>
          <ul className="mt-3 divide-y divide-slate-100">
            {preview.listed.map(({ rowNo, issues }) => (
              <li key={rowNo} className="py-2 text-sm">
                <span className="font-medium">{t('row', { row: rowNo })}</span>
                <ul className="list-disc pl-5 text-slate-700">
                  {issues.map((issue, i) => (
                    <li key={i} className="break-words">
                      {issueText(issue)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
