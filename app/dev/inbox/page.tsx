import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { Badge, EmptyState, PageTitle, SearchForm } from '@/components/ui';
import { config } from '@/lib/config';
import { clientIp } from '@/lib/http/client-ip';
import { isLoopback } from '@/lib/http/loopback';
import { getDates } from '@/lib/i18n/page-dates';
import { devInboxMessages } from '@/lib/notify/inbox';

export const dynamic = 'force-dynamic';

// Messages that carry a one-time code: sign-in, proving an identifier, e-sign, Aadhaar link.
const CODE_TEMPLATES = new Set(['auth.otp', 'auth.link', 'auth.esign', 'locker.aadhaar_link']);

export default async function DevInboxPage({
  searchParams,
}: {
  searchParams: Promise<{ to?: string }>;
}) {
  // Every sign-in code is here, the admin's included: only for a browser on this machine.
  if (!config.devInboxEnabled || !isLoopback(clientIp(await headers()))) notFound();
  const { to } = await searchParams;
  const t = await getTranslations('devInbox');
  const [messages, dates] = await Promise.all([devInboxMessages(to), getDates()]);
  return (
    <div>
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <SearchForm
        name="to"
        label={t('filter')}
        button={t('filter')}
        defaultValue={to}
        className="mb-6"
      />
      {messages.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => {
            const code =
              m.template && CODE_TEMPLATES.has(m.template)
                ? /\b(\d{6})\b/.exec(m.body)?.[1]
                : undefined;
            return (
              <li
                key={m.id}
                data-testid="inbox-message"
                data-recipient={m.recipient ?? undefined}
                className="rounded-xl border border-slate-200 bg-white p-4"
              >
                <div className="flex flex-wrap items-center gap-2 text-sm text-slate-500">
                  <Badge>{m.channel.toUpperCase()}</Badge>
                  <span>
                    {t('to')}:{' '}
                    <strong className="text-slate-800">
                      {m.recipient ??
                        t('bulk', { count: m.recipients?.length ?? 0, sent: m.sentCount })}
                    </strong>
                  </span>
                  <Badge
                    tone={m.status === 'sent' ? 'green' : m.status === 'failed' ? 'red' : 'amber'}
                  >
                    {m.status}
                  </Badge>
                  <time dateTime={m.createdAt.toISOString()}>{dates.timestamp(m.createdAt)}</time>
                </div>
                {m.subject ? <p className="mt-2 font-medium">{m.subject}</p> : null}
                <p className="mt-1 whitespace-pre-line text-slate-800">{m.body}</p>
                {m.recipients ? (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer text-slate-600">{t('numbers')}</summary>
                    <p className="mt-1 break-words font-mono text-slate-700">
                      {m.recipients.slice(0, 200).join(', ')}
                      {m.recipients.length > 200 ? ', …' : null}
                    </p>
                  </details>
                ) : null}
                {code ? (
                  <p className="mt-2 text-sm">
                    {t('code')}:{' '}
                    <code
                      data-testid="otp-code"
                      className="rounded bg-slate-100 px-2 py-1 font-mono text-lg"
                    >
                      {code}
                    </code>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
