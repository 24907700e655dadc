import { notFound } from 'next/navigation';
import { Card, buttonStyles } from '@/components/ui';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import { getVerifyTranslations } from '@/lib/i18n/process-translations';
import { CertificateStatusBanner } from '@/components/credentials/status-banner';
import { checkCode } from '@/lib/credentials/public-verification';
import { ZVerificationCode } from '@/lib/credentials/verification-code';

export const dynamic = 'force-dynamic';

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

// Never cached: a revocation shows on the next scan (issue 3, item 5). This is the page a phone
// camera opens, the busiest on the site, so its messages are compiled once per process and its
// links are plain anchors (each next/link is a client component rendered on every request).
export default async function VerifyCodePage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ via?: string }>;
}) {
  const [{ code: raw }, { via }] = await Promise.all([params, searchParams]);
  const parsed = ZVerificationCode.safeParse(safeDecode(raw));
  if (!parsed.success) notFound();
  const c = await checkCode(parsed.data, via === 'typed' ? 'typed' : 'qr');
  if (!c) notFound();
  const { t, locale } = await getVerifyTranslations();
  const date = (iso: string | null) => formatDate(locale, iso);
  const rows: [string, string | null][] = [
    [t('recipient'), c.recipientName],
    [t('award'), c.award],
    [t('issuer'), `${c.issuer.name} (${c.issuer.code})`],
    [t('number'), c.number],
    [t('issueDate'), date(c.issueDate)],
    [t('validFrom'), date(c.validFrom)],
    [t('expiryDate'), date(c.expiryDate)],
    [t('code'), c.verificationCode],
    [t('version'), String(c.version)],
  ];
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <CertificateStatusBanner
        status={c.status}
        title={t(`status${c.status[0]!.toUpperCase()}${c.status.slice(1)}` as 'statusValid')}
        body={t(
          `status${c.status[0]!.toUpperCase()}${c.status.slice(1)}Body` as 'statusValidBody',
          { issuer: c.issuer.name, date: date(c.expiryDate) ?? '' },
        )}
      >
        {c.statusReason ? (
          <p className="mt-2 text-sm">
            <strong>{t('reason')}:</strong> {c.statusReason}
            {c.statusChangedAt
              ? ` · ${t('since')} ${formatDateTime(locale, c.statusChangedAt)}`
              : ''}
          </p>
        ) : null}
        {c.successorCode ? (
          <a
            href={`/verify/${c.successorCode}`}
            className="mt-3 inline-block font-medium underline"
            data-testid="successor-link"
          >
            {t('viewNewer')} →
          </a>
        ) : null}
      </CertificateStatusBanner>
      <Card title={c.title}>
        <dl className="facts">
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          <div className="sm:col-span-2">
            <dt>{t('signature')}</dt>
            <dd
              className={
                c.signatureValid ? 'font-medium text-emerald-700' : 'font-medium text-red-700'
              }
              data-testid="signature-check"
            >
              {c.signatureValid ? `✓ ${t('signatureOk')}` : `✗ ${t('signatureBad')}`}
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-xs text-slate-500">
          {t('checkedAt', {
            time: formatDateTime(locale, new Date(), 'time'),
          })}
        </p>
      </Card>
      <a href="/verify" className={buttonStyles.secondary}>
        {t('another')}
      </a>
    </div>
  );
}
