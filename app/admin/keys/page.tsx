import { getLocale, getTimeZone, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import {
  Badge,
  Card,
  EmptyState,
  PageTitle,
  Pager,
  SearchForm,
  buttonStyles,
} from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import {
  KEY_HOLDERS_PER_PAGE,
  SIGNING_KINDS,
  listKeyHolders,
  type KeyHolder,
} from '@/lib/credentials/rotate-keys';
import { formatTimestamp } from '@/lib/i18n/format';
import { rotateKeysAction } from './actions';
import { RotateKeysControl } from './rotate-keys-control';

/** Where each organisation's public keys are published (app/api/issuers, app/api/platform). */
function publishedUrls(h: KeyHolder): { jwks: string; pem?: string } | null {
  if (h.kind === 'platform') return { jwks: '/api/platform/jwks.json' };
  if (h.kind !== 'institution' && h.kind !== 'state') return null;
  const base = `/api/issuers/${encodeURIComponent(h.code)}`;
  return { jwks: `${base}/jwks.json`, pem: `${base}/certificate.pem` };
}

export default async function AdminKeysPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  await requirePageAccess('admin.keys.manage', { next: '/admin/keys' });
  const { q = '', page: pageParam } = await searchParams;
  const page = Math.max(1, Math.floor(Number(pageParam)) || 1);
  const [t, tc, locale, timeZone, { holders, total }] = await Promise.all([
    getTranslations('adminKeys'),
    getTranslations('orgStatus'),
    getLocale(),
    getTimeZone(),
    listKeyHolders(getDb(), { query: q, page }),
  ]);
  const pages = Math.max(1, Math.ceil(total / KEY_HOLDERS_PER_PAGE));
  const href = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (p > 1) params.set('page', String(p));
    const query = params.toString();
    return query ? `/admin/keys?${query}` : '/admin/keys';
  };
  const when = (at: Date) => formatTimestamp(locale, at, timeZone);
  return (
    <ClientMessages namespaces={['adminKeys', 'errors']}>
      <div className="space-y-6" data-testid="admin-keys">
        <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
        <SearchForm name="q" label={t('search')} button={t('searchButton')} defaultValue={q} />
        {total > 0 ? (
          <p className="text-sm text-slate-600" data-testid="key-holders-count">
            {t(q ? 'countMatching' : 'count', { count: total })}
          </p>
        ) : null}
        {holders.length === 0 ? (
          <EmptyState>{q || page > 1 ? t('noMatch') : t('empty')}</EmptyState>
        ) : null}
        {holders.map((h) => {
          const urls = publishedUrls(h);
          return (
            <Card key={h.id} title={h.name}>
              <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
                <Badge>{t(`kind.${h.kind}`)}</Badge>
                {h.status !== 'active' ? <Badge tone="amber">{tc(h.status)}</Badge> : null}
                <code className="break-all font-mono text-xs text-slate-600">{h.code}</code>
              </div>
              <ul className="divide-y divide-slate-100">
                {h.keys.map((k) => (
                  <li
                    key={k.kid}
                    className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm"
                  >
                    <span className="font-medium">
                      {t(`algorithm.${k.algorithm === 'ed25519' ? 'ed25519' : 'rsa'}`)}
                    </span>
                    <Badge tone={k.status === 'active' ? 'green' : 'slate'}>
                      {t(`status.${k.status}`)}
                    </Badge>
                    <code
                      className="basis-full break-all font-mono text-xs text-slate-700"
                      title={t('kid')}
                    >
                      {k.kid}
                    </code>
                    <span className="text-slate-500">
                      {t('created', { date: when(k.createdAt) })}
                    </span>
                    {k.retiredAt ? (
                      <span className="text-slate-500">
                        {t('retired', { date: when(k.retiredAt) })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
              {urls ? (
                <div className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-sm">
                  <p className="text-slate-600">{t('publicKeys')}</p>
                  <p className="flex flex-wrap gap-x-4 gap-y-1">
                    {urls.pem ? (
                      <>
                        <a href={urls.pem} className={buttonStyles.link}>
                          {t('certificate')}
                        </a>
                        <a href={`${urls.pem}?all=1`} className={buttonStyles.link}>
                          {t('allCertificates')}
                        </a>
                      </>
                    ) : null}
                    <a href={urls.jwks} className={buttonStyles.link}>
                      {t('jwks')}
                    </a>
                  </p>
                  {h.kind === 'platform' ? (
                    <p className="text-xs text-slate-500">{t('platformNote')}</p>
                  ) : null}
                </div>
              ) : null}
              {(SIGNING_KINDS as readonly string[]).includes(h.kind) ? (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <RotateKeysControl orgId={h.id} name={h.name} rotate={rotateKeysAction} />
                </div>
              ) : null}
            </Card>
          );
        })}
        <Pager
          page={page}
          pages={pages}
          href={href}
          labels={{
            nav: t('pagesLabel'),
            previous: t('previous'),
            next: t('next'),
            pageOf: t('pageOf', { page, pages }),
          }}
        />
      </div>
    </ClientMessages>
  );
}
