'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

type Design = { key: string; name: string };

/** Pick a design (with a sample PDF of a real row), then publish or resume. */
export function PublishForm({
  uploadId,
  designs,
  initial,
  resume,
  canPublish,
  publish,
}: {
  uploadId: string;
  designs: Design[];
  initial: string | null;
  resume: boolean;
  canPublish: boolean;
  publish: (input: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations('records');
  const router = useRouter();
  const errorText = useErrorText();
  const [templateKey, setTemplateKey] = useState(initial ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!templateKey) return setError(t('pickDesign'));
        setError(null);
        start(async () => {
          const r = await publish({ uploadId, templateKey });
          if (r.ok) return router.refresh();
          setError(errorText(r.error));
        });
      }}
    >
      <fieldset className="space-y-2" disabled={resume}>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t('designLegend')}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {designs.map((d) => (
            <label
              key={d.key}
              className={`flex cursor-pointer flex-col gap-2 rounded-lg border p-3 ${
                templateKey === d.key
                  ? 'border-brand-600 ring-2 ring-brand-600/30'
                  : 'border-slate-300'
              }`}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="templateKey"
                  value={d.key}
                  checked={templateKey === d.key}
                  onChange={() => setTemplateKey(d.key)}
                  data-testid={`design-${d.key}`}
                />
                <span className="font-medium">{d.name}</span>
              </span>
              <a
                href={`/api/institution/uploads/${uploadId}/sample.pdf?template=${d.key}`}
                target="_blank"
                rel="noreferrer"
                className="text-sm text-brand-700 underline"
                data-testid={`sample-${d.key}`}
              >
                {t('sampleLink')}
              </a>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {canPublish ? (
        <Button type="submit" disabled={pending} data-testid="publish-submit">
          {pending ? t('publishing') : resume ? t('resume') : t('publish')}
        </Button>
      ) : (
        <p className="text-sm text-slate-600">{t('noPublishRight')}</p>
      )}
    </form>
  );
}
