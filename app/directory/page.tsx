import { getTranslations } from 'next-intl/server';
import { Card, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { PageLinks } from '@/components/ui/page-links';
import { getDb } from '@/db/client';
import { DIRECTORY_PAGE_SIZE, listDirectory, websiteHref } from '@/lib/locker/issuers';

export const dynamic = 'force-dynamic';

/** Seed 001: the public directory of every active issuer, with its website. */
export default async function DirectoryPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const { q = '', page: pageParam } = await searchParams;
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  const [{ rows, total }, t] = await Promise.all([
    listDirectory(getDb(), { q, page }),
    getTranslations('sharing.directory'),
  ]);
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  const href = (p: number) =>
    `/directory?${new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), page: String(p) })}`;
  return (
    <div className="mx-auto max-w-3xl space-y-6" data-testid="directory">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <SearchForm name="q" label={t('search')} button={t('searchButton')} defaultValue={q} />
      <Card>
        <p className="mb-2 text-sm text-slate-600">{t('total', { count: total })}</p>
        {rows.length === 0 ? (
          <EmptyState>{t('empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="directory-list">
            {rows.map((r) => {
              const site = websiteHref(r.website);
              return (
                <li key={r.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
                  <span className="font-medium">{r.name}</span>
                  <span className="text-sm text-slate-500">{r.code}</span>
                  <span className="text-sm break-all sm:ml-auto">
                    {site ? (
                      <a
                        href={site}
                        className="text-brand-700 underline"
                        rel="noopener noreferrer nofollow"
                        target="_blank"
                      >
                        {r.website}
                      </a>
                    ) : (
                      <span className="text-slate-500">{t('noWebsite')}</span>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <div className="mt-4">
          <PageLinks page={page} pages={pages} href={href} />
        </div>
      </Card>
    </div>
  );
}
