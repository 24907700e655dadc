import { CertificateNotFound } from '@/components/credentials/certificate-not-found';

// Next renders this boundary along with every /verify/{code} answer: a client component keeps it
// to a reference (see the component).
export default function VerifyCodeNotFound() {
  return <CertificateNotFound />;
}
