import { getLocale } from 'next-intl/server';
import { CertificateNotFound } from '@/components/credentials/certificate-not-found';
import { toLocale } from '@/lib/i18n/locales';

export default async function VerifyCodeNotFound() {
  return <CertificateNotFound locale={toLocale(await getLocale())} />;
}
