import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { CertificateNotFound } from '@/components/credentials/certificate-not-found';
import { VerifyResult } from '@/components/credentials/verify-result';
import { PublicPage } from '@/components/layout/public-page';
import { checkCodeFromPath } from '@/lib/credentials/public-verification';
import { stylesheetsOf } from '@/lib/http/next-build-assets';
import { cookieHeaderLookup, publicRequestOf } from '@/lib/http/public-request';
import type { Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';

// /verify/{code} as the web server renders it in production, before Next.js (scripts/serve.mjs):
// the page body of the Next.js route beside this file, in the site's frame without the session
// lookup (PublicPage), rendered to HTML with the stylesheets of Next.js's build and no script at
// all (nothing on the page needs one). Next.js's own per-request cost of rendering a page was
// more than the whole request of the bare Next.js app this page is measured against, even with a
// lean layout of its own; this costs about a tenth of it (docs/benchmarks.md). Live on every
// request, like the route: a revocation shows at the next scan.

const PAGE = '/verify/[code]/page';
const PATH = /^\/verify\/([^/?]+)(?:\?(.*))?$/;
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
};

function Document({
  locale,
  signedIn,
  stylesheets,
  children,
}: {
  locale: Locale;
  signedIn: boolean;
  stylesheets: string[];
  children: ReactNode;
}) {
  const meta = translatorFor(locale, 'meta');
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f766e" />
        <title>{meta('title')}</title>
        <meta name="description" content={meta('description')} />
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
      </head>
      <body className="flex min-h-screen flex-col">
        <PublicPage locale={locale} signedIn={signedIn}>
          {children}
        </PublicPage>
      </body>
    </html>
  );
}

/** The page for a request: 200 with the live result, 404 for a code no certificate has. */
export async function renderVerifyPage(
  request: {
    segment: string;
    via: string | null;
    cookie: string | undefined;
    acceptLanguage?: string;
  },
  stylesheets: string[],
): Promise<{ status: number; html: string }> {
  const { locale, signedIn } = publicRequestOf(
    cookieHeaderLookup(request.cookie),
    request.acceptLanguage,
  );
  const c = await checkCodeFromPath(request.segment, request.via === 'typed' ? 'typed' : 'qr');
  const body = c ? <VerifyResult c={c} locale={locale} /> : <CertificateNotFound locale={locale} />;
  const document = (
    <Document locale={locale} signedIn={signedIn} stylesheets={stylesheets}>
      {body}
    </Document>
  );
  return { status: c ? 200 : 404, html: `<!DOCTYPE html>${renderToString(document)}` };
}

/** "Something went wrong (ref …)" in the page's frame, for an error while checking. */
export function renderVerifyError(
  cookie: string | undefined,
  ref: string,
  stylesheets: string[],
  acceptLanguage?: string,
): string {
  const { locale, signedIn } = publicRequestOf(cookieHeaderLookup(cookie), acceptLanguage);
  const document = (
    <Document locale={locale} signedIn={signedIn} stylesheets={stylesheets}>
      <div className="mx-auto max-w-lg py-12 text-center" role="alert">
        <h1 className="text-2xl font-semibold">{translatorFor(locale, 'errorPage')('title')}</h1>
        <p className="mt-3 text-slate-600">
          {translatorFor(locale, 'errors')('unexpected', { ref })}
        </p>
      </div>
    </Document>
  );
  return `<!DOCTYPE html>${renderToString(document)}`;
}

/**
 * The web server's handler for `GET /verify/{code}`, or null (the route is then Next.js's) when
 * the build's stylesheets cannot be found. `handle(req, res)` answers true when it took the request.
 */
export function verifyPageHandler(
  distDir: string,
): ((req: IncomingMessage, res: ServerResponse) => boolean) | null {
  const stylesheets = stylesheetsOf(path.resolve(distDir), PAGE);
  if (!stylesheets) return null;
  return (req, res) => {
    // Next.js's client router asks for the page's RSC payload (an `rsc` header) when a link in
    // the site is followed; Next.js answers that, and the browser then loads this page.
    const m = req.method === 'GET' && !req.headers.rsc ? PATH.exec(req.url ?? '') : null;
    if (!m) return false;
    const via = new URLSearchParams(m[2] ?? '').get('via');
    const acceptLanguage = req.headers['accept-language'];
    renderVerifyPage(
      { segment: m[1]!, via, cookie: req.headers.cookie, acceptLanguage },
      stylesheets,
    ).then(
      ({ status, html }) => {
        res.writeHead(status, HEADERS);
        res.end(html);
      },
      (error) => {
        const ref = Math.random().toString(16).slice(2, 10).toUpperCase();
        console.error(`[error ref=${ref}] GET /verify/{code}:`, error);
        res.writeHead(500, HEADERS);
        res.end(renderVerifyError(req.headers.cookie, ref, stylesheets, acceptLanguage));
      },
    );
    return true;
  };
}
