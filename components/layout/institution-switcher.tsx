'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

/** For a person who works for several institutions: which one the institution area acts for. */
export function InstitutionSwitcher({
  options,
  current,
  choose,
}: {
  options: { id: string; name: string }[];
  current: string;
  choose: (orgId: string) => Promise<ActionResult>;
}) {
  const t = useTranslations('institution');
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [selected, setSelected] = useState(current);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="institution-switcher"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await choose(selected);
          if (!r.ok) return setError(errorText(r.error));
          setError(null);
          router.push('/institution');
          router.refresh();
        });
      }}
    >
      <label className="flex min-w-0 flex-col gap-1 text-sm">
        <span className="text-slate-600">{t('actingFor')}</span>
        <select
          className={inputStyles}
          value={selected}
          onChange={(e) => setSelected(e.target.value)}
          disabled={pending}
        >
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" disabled={pending || selected === current}>
        {t('switch')}
      </Button>
      {error ? <Alert kind="error">{error}</Alert> : null}
    </form>
  );
}
