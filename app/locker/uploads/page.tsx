import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { LockerFileList } from '@/components/locker-files/file-list';
import { LockerFolders } from '@/components/locker-files/folders';
import { LockerUploadForm } from '@/components/locker-files/upload-form';
import { formatBytes } from '@/components/records/format-bytes';
import { ProgressBar } from '@/components/records/progress-bar';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';
import { listLockerFiles, listLockerFolders, lockerUsage } from '@/lib/locker/files/manage';
import {
  createFolderAction,
  deleteFileAction,
  deleteFolderAction,
  moveFileAction,
  renameFileAction,
  renameFolderAction,
} from './actions';

// Seed 001, "Uploaded Documents": the citizen's own files, their folders and the space used.
export default async function LockerUploadsPage({
  searchParams,
}: {
  searchParams: Promise<{ folder?: string }>;
}) {
  const { user } = await requirePageAccess('locker.documents.manage', { next: '/locker/uploads' });
  const db = getDb();
  const [files, folders, usage, t, locale, dates, { folder }] = await Promise.all([
    listLockerFiles(db, { userId: user.id }),
    listLockerFolders(db, { userId: user.id }),
    lockerUsage(db, { userId: user.id }),
    getTranslations('lockerFiles'),
    getLocale(),
    getDates(),
    searchParams,
  ]);
  const size = (n: number) => formatBytes(n, locale);
  const chosen = folders.find((f) => f.id === folder) ?? null;
  const shown = files.filter((f) =>
    chosen ? f.folderId === chosen.id : folder === 'none' ? f.folderId === null : true,
  );
  const filters = [
    { href: '/locker/uploads', label: t('list.all'), on: !chosen && folder !== 'none' },
    { href: '/locker/uploads?folder=none', label: t('list.outside'), on: folder === 'none' },
    ...folders.map((f) => ({
      href: `/locker/uploads?folder=${f.id}`,
      label: f.name,
      on: chosen?.id === f.id,
    })),
  ];
  return (
    <ClientMessages namespaces={['lockerFiles', 'errors', 'confirm']}>
      <div className="space-y-6">
        <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
        <ProgressBar
          testId="locker-usage"
          label={t('usage', { used: size(usage.used), quota: size(usage.quota) })}
          value={usage.used}
          max={usage.quota}
        />
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-1">
            <LockerUploadForm folders={folders} folderId={chosen?.id} />
            <Card title={t('folders.title')}>
              <LockerFolders
                folders={folders.map((f) => ({
                  ...f,
                  files: files.filter((x) => x.folderId === f.id).length,
                }))}
                actions={{
                  create: createFolderAction,
                  rename: renameFolderAction,
                  remove: deleteFolderAction,
                }}
              />
            </Card>
          </div>
          <Card title={t('list.title')} className="lg:col-span-2">
            {folders.length > 0 ? (
              <nav aria-label={t('list.show')} className="mb-3 flex flex-wrap gap-2 text-sm">
                {filters.map((f) => (
                  <Link
                    key={f.href}
                    href={f.href}
                    aria-current={f.on ? 'page' : undefined}
                    className={`min-h-9 rounded-full border px-3 py-1.5 ${f.on ? 'border-brand-600 bg-brand-50 font-medium text-brand-800' : 'border-slate-300 text-slate-700 hover:bg-slate-50'}`}
                  >
                    {f.label}
                  </Link>
                ))}
              </nav>
            ) : null}
            {shown.length === 0 ? (
              <EmptyState>
                {files.length === 0 ? t('list.empty') : t('list.emptyFolder')}
              </EmptyState>
            ) : (
              <LockerFileList
                files={shown.map((f) => ({
                  id: f.id,
                  name: f.name,
                  kind: f.kind,
                  size: size(f.size),
                  uploaded: dates.timestamp(f.createdAt),
                  folderId: f.folderId,
                  folderName: f.folderName,
                  signed: f.signed,
                }))}
                folders={folders}
                actions={{
                  rename: renameFileAction,
                  move: moveFileAction,
                  remove: deleteFileAction,
                }}
              />
            )}
          </Card>
        </div>
      </div>
    </ClientMessages>
  );
}
