'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { Field, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import type { ListedEntry } from '@/lib/institutions/registry';
import type {
  TRegisterInstitutionInput,
  TRequestRegistryEntryInput,
} from '@/lib/institutions/schemas';
import { RequestEntryForm } from './request-entry-form';
import { useFieldError } from './use-field-error';

export type Lookup = {
  search: (i: { q: string }) => Promise<ActionResult<ListedEntry[]>>;
  request: (i: TRequestRegistryEntryInput) => Promise<ActionResult>;
};

/** Step 1: pick the institution from the approved list, then its name, address and website. */
export function InstitutionStep({
  form,
  initial,
  selected,
  onSelect,
  lookup,
}: {
  form: UseFormReturn<TRegisterInstitutionInput>;
  initial: ListedEntry[];
  selected: ListedEntry | null;
  onSelect: (e: ListedEntry) => void;
  lookup: Lookup;
}) {
  const t = useTranslations('onboarding');
  const fieldError = useFieldError();
  const [asking, setAsking] = useState(false);
  const e = form.formState.errors;
  return (
    <div className="space-y-5">
      {asking ? (
        <RequestEntryForm request={lookup.request} onCancel={() => setAsking(false)} />
      ) : (
        <div className="space-y-2">
          <RegistryPicker
            initial={initial}
            selectedId={selected?.id ?? null}
            onSelect={onSelect}
            search={lookup.search}
            error={fieldError(e.registryId?.message)}
          />
          <button
            type="button"
            className="min-h-11 text-sm text-brand-700 underline"
            onClick={() => setAsking(true)}
          >
            {t('notListed')}
          </button>
        </div>
      )}
      {selected && !asking ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <p className="text-sm text-slate-700 sm:col-span-2" data-testid="selected-institution">
            {t('selected', { name: selected.name })}
          </p>
          <div className="sm:col-span-2">
            <Field id="inst-name" label={t('institutionName')} error={fieldError(e.name?.message)}>
              <input
                id="inst-name"
                className={inputStyles}
                aria-invalid={Boolean(e.name)}
                {...form.register('name')}
              />
            </Field>
          </div>
          <div className="sm:col-span-2">
            <Field id="inst-address" label={t('address')} error={fieldError(e.address?.message)}>
              <textarea
                id="inst-address"
                rows={3}
                autoComplete="street-address"
                className={inputStyles}
                aria-invalid={Boolean(e.address)}
                {...form.register('address')}
              />
            </Field>
          </div>
          <Field
            id="inst-website"
            label={t('website')}
            hint={t('websiteHint')}
            error={fieldError(e.website?.message)}
          >
            <input
              id="inst-website"
              type="url"
              inputMode="url"
              placeholder="https://"
              className={inputStyles}
              aria-invalid={Boolean(e.website)}
              {...form.register('website', {
                // "iti.ac.in" means https://iti.ac.in
                setValueAs: (v: string) =>
                  v.trim() && !/^[a-z]+:\/\//i.test(v.trim()) ? `https://${v.trim()}` : v.trim(),
              })}
            />
          </Field>
        </div>
      ) : null}
    </div>
  );
}

function RegistryPicker({
  initial,
  selectedId,
  onSelect,
  search,
  error,
}: {
  initial: ListedEntry[];
  selectedId: string | null;
  onSelect: (e: ListedEntry) => void;
  search: Lookup['search'];
  error?: string;
}) {
  const t = useTranslations('onboarding');
  const [q, setQ] = useState('');
  const [results, setResults] = useState(initial);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const n = ++latest.current;
    if (n === 1 && !q) return; // the first page of the list came with the page
    const timer = setTimeout(async () => {
      const r = await search({ q });
      if (n !== latest.current) return; // a newer search is on its way
      setFailed(!r.ok);
      if (r.ok) setResults(r.data);
    }, 250);
    return () => clearTimeout(timer);
  }, [q, search]);

  const note = (e: ListedEntry) =>
    e.availability === 'registered'
      ? t('entryRegistered')
      : e.availability === 'pending'
        ? t('entryPending')
        : null;

  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 block text-sm font-medium text-slate-800">{t('pickLabel')}</legend>
      <label htmlFor="registry-search" className="sr-only">
        {t('searchLabel')}
      </label>
      <input
        id="registry-search"
        type="search"
        value={q}
        onChange={(ev) => setQ(ev.target.value)}
        placeholder={t('searchLabel')}
        className={inputStyles}
        aria-describedby={error ? 'registry-error' : undefined}
      />
      {failed ? <p className="text-sm text-red-700">{t('searchFailed')}</p> : null}
      {results.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-3 text-sm text-slate-600">
          {t('noMatches')}
        </p>
      ) : (
        <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-lg border border-slate-200 bg-white">
          {results.map((e) => {
            const unavailable = note(e);
            return (
              <li key={e.id}>
                <label
                  className={`flex min-h-11 items-start gap-3 px-3 py-2 ${unavailable ? 'cursor-not-allowed opacity-70' : 'cursor-pointer hover:bg-slate-50'} ${selectedId === e.id ? 'bg-brand-50' : ''}`}
                >
                  <input
                    type="radio"
                    name="registry-entry"
                    className="mt-1 h-4 w-4"
                    checked={selectedId === e.id}
                    disabled={Boolean(unavailable)}
                    onChange={() => onSelect(e)}
                  />
                  <span className="min-w-0 flex-1">
                    <span className="block font-medium text-slate-900">{e.name}</span>
                    <span className="block text-xs text-slate-500">
                      {[e.city, e.state].filter(Boolean).join(', ')}
                      {e.city || e.state ? ' · ' : ''}
                      {t(`kinds.${e.kind}`)}
                    </span>
                    {unavailable ? (
                      <span className="block text-xs text-amber-800">{unavailable}</span>
                    ) : null}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <p id="registry-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
