import { Card, buttonStyles } from '@/components/ui';
import { publicCertificateFacts } from '@/lib/credentials/public-facts';
import type { PublicCertificate } from '@/lib/credentials/verify-record';
import { formatDate, formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';
import { CertificateStatusBanner } from './status-banner';

/**
 * The live answer for a certificate code: status, details and the signature check. Rendered on
 * every scan (never cached: a revocation shows at the next one), so it is plain markup: no client
 * code, plain anchors, and messages compiled once per process.
 */
export function VerifyResult({ c, locale }: { c: PublicCertificate; locale: Locale }) {
  const t = translatorFor(locale, 'verify');
  const date = (iso: string | null) => formatDate(locale, iso);
  const status = `${c.status[0]!.toUpperCase()}${c.status.slice(1)}`;
  const rows = publicCertificateFacts(locale, c);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <CertificateStatusBanner
        status={c.status}
        title={t(`status${status}` as 'statusValid')}
        body={t(`status${status}Body` as 'statusValidBody', {
          issuer: c.issuer.name,
          date: date(c.expiryDate) ?? '',
        })}
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
          {rows.map(([k, v]) => (
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
          {t('checkedAt', { time: formatDateTime(locale, new Date(), 'time') })}
        </p>
      </Card>
      <a href="/verify" className={buttonStyles.secondary}>
        {t('another')}
      </a>
    </div>
  );
}
