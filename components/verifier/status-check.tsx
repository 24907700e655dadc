'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, Button, Field, inputStyles } from '@/components/ui';

type Counts = Record<string, number>;

/** Upload a CSV of verification codes or URIs; download each one's live status as CSV. */
export function StatusCheck() {
  const t = useTranslations('verifier');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ url: string; counts: Counts; total: number } | null>(null);

  async function check(form: HTMLFormElement) {
    const file = (form.elements.namedItem('codes') as HTMLInputElement).files?.[0];
    if (!file) return setError(t('statusCheck.noFile'));
    if (file.size > 1024 * 1024) return setError(t('statusCheck.tooLarge'));
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = await fetch('/api/v1/status', {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: await file.text(),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        return setError(body?.message ?? t('statusCheck.failed', { status: res.status }));
      }
      const text = await res.text();
      const counts: Counts = {};
      const lines = text.split(/\r?\n/).slice(1).filter(Boolean);
      for (const line of lines) {
        const status = /^(?:"(?:[^"]|"")*"|[^,]*),([^,]*)/.exec(line)?.[1] ?? '';
        counts[status] = (counts[status] ?? 0) + 1;
      }
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
      setResult({ url, counts, total: lines.length });
    } catch {
      setError(t('statusCheck.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void check(e.currentTarget);
      }}
    >
      <p className="text-sm text-slate-600">{t('statusCheck.intro')}</p>
      <Field id="status-codes" label={t('statusCheck.file')} hint={t('statusCheck.hint')}>
        <input
          id="status-codes"
          name="codes"
          type="file"
          accept=".csv,text/csv"
          className={inputStyles}
        />
      </Field>
      <Button type="submit" disabled={busy} aria-busy={busy}>
        {busy ? t('statusCheck.checking') : t('statusCheck.submit')}
      </Button>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {result ? (
        <Alert kind="success">
          <p>{t('statusCheck.done', { total: result.total })}</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 text-sm">
            {Object.entries(result.counts).map(([status, n]) => (
              <li key={status}>
                {t.has(`statusCheck.statuses.${status}`)
                  ? t(`statusCheck.statuses.${status}`)
                  : status}
                : {n}
              </li>
            ))}
          </ul>
          <a className="mt-2 inline-block underline" href={result.url} download="status-check.csv">
            {t('statusCheck.download')}
          </a>
        </Alert>
      ) : null}
    </form>
  );
}
