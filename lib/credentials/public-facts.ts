import { formatDate } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';
import type { PublicCertificate } from './verify-record';

/**
 * What a public page says about a certificate, in the reader's language: the verification page
 * and a shared link's page show the same facts. Empty ones are left out.
 */
export function publicCertificateFacts(locale: Locale, c: PublicCertificate): [string, string][] {
  const t = translatorFor(locale, 'verify');
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
  return rows.filter((r): r is [string, string] => Boolean(r[1]));
}
