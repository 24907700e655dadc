'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Button, buttonStyles, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';

// Folders of uploaded documents: create, rename, delete (the files move out, they are not
// deleted); each folder's name shows its files.

export type FolderItem = { id: string; name: string; files: number };

export type FolderActions = {
  create: (input: { name: string }) => Promise<ActionResult<string>>;
  rename: (input: { folderId: string; name: string }) => Promise<ActionResult>;
  remove: (input: { folderId: string }) => Promise<ActionResult>;
};

function useFolderError() {
  const t = useTranslations('lockerFiles');
  const te = useTranslations('errors');
  return (r: Extract<ActionResult<unknown>, { ok: false }>): string => {
    const field = Object.values(r.error.fieldErrors ?? {})[0];
    if (field && t.has(`errors.${field}`)) return t(`errors.${field}` as 'errors.notFound');
    if (r.error.key === 'notFound') return t('errors.notFound');
    return r.error.key === 'unexpected'
      ? te('unexpected', { ref: r.error.ref ?? '' })
      : te(r.error.key);
  };
}

function FolderRow({ folder, actions }: { folder: FolderItem; actions: FolderActions }) {
  const t = useTranslations('lockerFiles');
  const errorOf = useFolderError();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(folder.name);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <li className="py-3">
      {renaming ? (
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await actions.rename({ folderId: folder.id, name });
              if (!r.ok) return setError(errorOf(r));
              setError(null);
              setRenaming(false);
            });
          }}
        >
          <label htmlFor={`folder-${folder.id}`} className="sr-only">
            {t('folders.renameLabel', { name: folder.name })}
          </label>
          <input
            id={`folder-${folder.id}`}
            className={inputStyles}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {t('folders.save')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRenaming(false)}>
              {t('folders.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Link className={buttonStyles.link} href={`/locker/uploads?folder=${folder.id}`}>
            {folder.name}
          </Link>
          <span className="text-sm text-slate-500">
            {t('folders.files', { count: folder.files })}
          </span>
          <div className="flex gap-3 text-sm">
            <button
              type="button"
              className={`${buttonStyles.link} min-h-9`}
              onClick={() => {
                setName(folder.name);
                setRenaming(true);
              }}
            >
              {t('folders.rename')}
            </button>
            <ConfirmButton
              variant="inline"
              label={t('folders.delete')}
              ariaLabel={t('folders.deleteLabel', { name: folder.name })}
              texts={{
                title: t('folders.deleteTitle', { name: folder.name }),
                body: t('folders.deleteBody'),
                confirm: t('folders.deleteConfirm'),
                cancel: t('folders.cancel'),
              }}
              onConfirm={async () => {
                const r = await actions.remove({ folderId: folder.id });
                return r.ok ? null : errorOf(r);
              }}
            />
          </div>
        </div>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function LockerFolders({
  folders,
  actions,
}: {
  folders: FolderItem[];
  actions: FolderActions;
}) {
  const t = useTranslations('lockerFiles');
  const errorOf = useFolderError();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      {folders.length === 0 ? (
        <p className="text-sm text-slate-600">{t('folders.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="locker-folders">
          {folders.map((f) => (
            <FolderRow key={f.id} folder={f} actions={actions} />
          ))}
        </ul>
      )}
      <form
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await actions.create({ name });
            if (!r.ok) return setError(errorOf(r));
            setError(null);
            setName('');
          });
        }}
      >
        <div className="flex-1 space-y-1">
          <label htmlFor="new-folder" className="block text-sm font-medium text-slate-800">
            {t('folders.name')}
          </label>
          <input
            id="new-folder"
            className={inputStyles}
            value={name}
            maxLength={60}
            aria-invalid={Boolean(error)}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending || !name.trim()}>
          {t('folders.create')}
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
