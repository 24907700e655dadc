'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { Badge, Button, buttonStyles, inputStyles } from '@/components/ui';
import type { ActionResult } from '@/lib/http/action';
import type { PublicError } from '@/lib/errors';

// The citizen's uploaded files, newest first, each with its trust label and what can be done
// with it: download, share, e-sign, rename, move to a folder, delete (after a confirmation).

export type FileItem = {
  id: string;
  name: string;
  kind: 'pdf' | 'jpeg' | 'png' | 'gif' | 'bmp';
  size: string;
  uploaded: string;
  folderId: string | null;
  folderName: string | null;
  signed: boolean;
};

export type FileActions = {
  rename: (input: { fileId: string; name: string }) => Promise<ActionResult<string>>;
  move: (input: { fileId: string; folderId: string }) => Promise<ActionResult>;
  remove: (input: { fileId: string }) => Promise<ActionResult>;
};

function useActionError() {
  const t = useTranslations('lockerFiles');
  const te = useTranslations('errors');
  return (e: PublicError): string => {
    const field = Object.values(e.fieldErrors ?? {})[0];
    if (field && t.has(`errors.${field}`)) return t(`errors.${field}` as 'errors.notFound');
    if (e.key === 'notFound') return t('errors.notFound');
    return e.key === 'unexpected' ? te('unexpected', { ref: e.ref ?? '' }) : te(e.key);
  };
}

function FileRow({
  file,
  folders,
  actions,
}: {
  file: FileItem;
  folders: { id: string; name: string }[];
  actions: FileActions;
}) {
  const t = useTranslations('lockerFiles');
  const errorOf = useActionError();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(file.name);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const stem = file.name.replace(/\.[^.]+$/, '');

  return (
    <li className="py-4" data-testid="locker-file-row">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <a
          href={`/api/locker/files/${file.id}`}
          className="min-w-0 break-all font-medium text-brand-800 underline-offset-2 hover:underline"
        >
          {file.name}
        </a>
        <div className="flex flex-wrap gap-1">
          <Badge>{t('list.uploadedByYou')}</Badge>
          {file.signed ? <Badge tone="green">{t('list.signed')}</Badge> : null}
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t(`kinds.${file.kind}`)} · {file.size} · {t('list.uploaded', { date: file.uploaded })}
        {file.folderName ? ` · ${t('list.inFolder', { folder: file.folderName })}` : null}
      </p>
      {renaming ? (
        <form
          className="mt-3 flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await actions.rename({ fileId: file.id, name });
              if (!r.ok) return setError(errorOf(r.error));
              setError(null);
              setRenaming(false);
            });
          }}
        >
          <label htmlFor={`rename-${file.id}`} className="sr-only">
            {t('list.renameLabel', { name: file.name })}
          </label>
          <input
            id={`rename-${file.id}`}
            className={inputStyles}
            value={name}
            maxLength={150}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {t('list.save')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setRenaming(false);
                setName(file.name);
                setError(null);
              }}
            >
              {t('list.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <a className={buttonStyles.link} href={`/api/locker/files/${file.id}`}>
          {t('list.download')}
        </a>
        <Link className={buttonStyles.link} href={`/locker/shares?new=file:${file.id}`}>
          {t('list.share')}
        </Link>
        <Link className={buttonStyles.link} href={`/locker/uploads/${file.id}/sign`}>
          {t('list.sign')}
        </Link>
        {!renaming ? (
          <button
            type="button"
            className={`${buttonStyles.link} min-h-9`}
            onClick={() => {
              setName(stem);
              setRenaming(true);
            }}
          >
            {t('list.rename')}
          </button>
        ) : null}
        {folders.length > 0 ? (
          <span className="flex items-center gap-2">
            <label htmlFor={`move-${file.id}`} className="text-slate-700">
              {t('list.move')}
            </label>
            <select
              id={`move-${file.id}`}
              aria-label={t('list.moveLabel', { name: file.name })}
              className="min-h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm"
              value={file.folderId ?? ''}
              disabled={pending}
              onChange={(e) => {
                const folderId = e.target.value;
                start(async () => {
                  const r = await actions.move({ fileId: file.id, folderId });
                  setError(r.ok ? null : errorOf(r.error));
                });
              }}
            >
              <option value="">{t('list.outside')}</option>
              {folders.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        <ConfirmButton
          variant="inline"
          label={t('list.delete')}
          ariaLabel={t('list.deleteLabel', { name: file.name })}
          texts={{
            title: t('list.deleteTitle', { name: file.name }),
            body: t('list.deleteBody'),
            confirm: t('list.deleteConfirm'),
            cancel: t('list.cancel'),
          }}
          onConfirm={async () => {
            const r = await actions.remove({ fileId: file.id });
            return r.ok ? null : errorOf(r.error);
          }}
        />
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function LockerFileList({
  files,
  folders,
  actions,
}: {
  files: FileItem[];
  folders: { id: string; name: string }[];
  actions: FileActions;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="locker-files">
      {files.map((f) => (
        <FileRow key={f.id} file={f} folders={folders} actions={actions} />
      ))}
    </ul>
  );
}
