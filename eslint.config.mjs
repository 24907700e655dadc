import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      '.data/**',
      '.stryker-tmp/**',
      'reports/**',
      'node_modules/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    // app → lib → db: presentational components never reach the database.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@/db/*', '@/db'] }],
    },
  },
  {
    // The page a QR scan opens is the busiest on the site. Each next/link is a client component
    // the server renders on every request; a visitor arrives there from a camera and leaves with
    // a full page load anyway, so plain anchors do the same job for less.
    files: ['app/verify/[[]code[]]/**/*.tsx'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
];

export default config;
