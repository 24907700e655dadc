import { publicCertificateFacts } from '@/lib/credentials/public-facts';
import { config } from '@/lib/config';
import type { PublicCertificate } from '@/lib/credentials/verify-record';
import { formatDate, formatTimestamp } from '@/lib/i18n/format';
import { LOCALES, LOCALE_NAMES, type Locale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';

// The page a share link opens, as plain HTML strings. It is served by a route handler (React's
// server renderer is not available there) on the site's stylesheet and in the same frame as the
// verification page (components/layout/public-page.tsx): header, language form, footer. No
// script: nothing on it needs one. Every value is escaped here.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ICONS: Record<string, string> = {
  valid: '✓',
  revoked: '✗',
  tampered: '✗',
  expired: '!',
  suspended: '!',
  superseded: '↻',
};

/** The whole page: the site's frame around `body`. */
export function sharePageDocument(
  { locale, signedIn, stylesheets }: { locale: Locale; signedIn: boolean; stylesheets: string[] },
  title: string,
  body: string,
): string {
  const meta = translatorFor(locale, 'meta');
  const nav = translatorFor(locale, 'nav');
  const footer = translatorFor(locale, 'footer');
  const brand = translatorFor(locale, 'brand')('name');
  const langs = LOCALES.map(
    (l) =>
      `<button name="locale" value="${l}" lang="${l}" aria-pressed="${locale === l}">${esc(LOCALE_NAMES[l])}</button>`,
  ).join('');
  const dev = config.devInboxEnabled
    ? `<a href="/dev/inbox" class="underline">${esc(footer('dev'))}</a>`
    : '';
  return (
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"/>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/>` +
    `<meta name="theme-color" content="#0f766e"/><meta name="robots" content="noindex, nofollow"/>` +
    `<meta name="referrer" content="no-referrer"/>` +
    `<title>${esc(title)} · ${esc(meta('title'))}</title>` +
    stylesheets.map((href) => `<link rel="stylesheet" href="${esc(href)}"/>`).join('') +
    `</head><body class="flex min-h-screen flex-col">` +
    `<header class="site-header"><a href="#main" class="skip-link">${esc(nav('skipToContent'))}</a>` +
    `<div class="site-bar"><a href="/" class="site-brand"><span aria-hidden="true" class="site-brand-mark">स</span>${esc(brand)}</a>` +
    `<nav aria-label="${esc(nav('areas'))}" class="site-nav"><a href="/verify">${esc(nav('verify'))}</a></nav>` +
    `<div class="site-tools"><form action="/api/locale" method="post" aria-label="${esc(nav('language'))}" class="lang-switch">${langs}</form>` +
    `<a href="/sign-in" class="sign-in-link">${esc(signedIn ? nav('areas') : nav('signIn'))}</a></div></div></header>` +
    `<main id="main" class="site-main">${body}</main>` +
    `<footer class="site-footer"><div><span>${esc(footer('text'))}</span>${dev}</div></footer>` +
    `</body></html>`
  );
}

/** A plain message page: an expired, revoked or unknown link, too many tries, an error. */
export function shareMessageBody(
  kind: 'gone' | 'notFound' | 'rateLimited' | 'error',
  locale: Locale,
  ref?: string,
): { title: string; body: string } {
  const t = translatorFor(locale, 'sharing');
  const title = t(`public.${kind}Title`);
  const text =
    kind === 'error' ? t('public.errorBody', { ref: ref ?? '' }) : t(`public.${kind}Body`);
  return {
    title,
    body:
      `<div class="mx-auto max-w-lg py-12 text-center" role="alert" data-testid="share-${kind}">` +
      `<h1 class="text-2xl font-semibold">${esc(title)}</h1>` +
      `<p class="mt-3 text-slate-600">${esc(text)}</p></div>`,
  };
}

function linkFacts(
  locale: Locale,
  link: { expiresAt: Date; purpose: string | null },
  ownerName: string | null,
): string {
  const t = translatorFor(locale, 'sharing');
  const parts = [
    ownerName ? t('public.sharedBy', { name: ownerName }) : null,
    link.purpose ? t('public.purpose', { purpose: link.purpose }) : null,
    t('public.validUntil', { time: formatTimestamp(locale, link.expiresAt) }),
  ].filter((p): p is string => Boolean(p));
  return `<p class="text-sm text-slate-600" data-testid="share-facts">${parts.map(esc).join(' · ')}</p>`;
}

/** A shared certificate: its live status and details, the PDF and the verification link. */
export function sharedCertificateBody(
  locale: Locale,
  c: PublicCertificate,
  link: { token: string; expiresAt: Date; purpose: string | null },
  ownerName: string | null,
): { title: string; body: string } {
  const t = translatorFor(locale, 'verify');
  const s = translatorFor(locale, 'sharing');
  const date = (iso: string | null) => formatDate(locale, iso);
  const status = `${c.status[0]!.toUpperCase()}${c.status.slice(1)}`;
  const reason = c.statusReason
    ? `<p class="mt-2 text-sm"><strong>${esc(t('reason'))}:</strong> ${esc(c.statusReason)}</p>`
    : '';
  const facts = publicCertificateFacts(locale, c)
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`)
    .join('');
  const signature =
    `<div class="sm:col-span-2"><dt>${esc(t('signature'))}</dt>` +
    `<dd class="${c.signatureValid ? 'font-medium text-emerald-700' : 'font-medium text-red-700'}" data-testid="signature-check">` +
    `${c.signatureValid ? `✓ ${esc(t('signatureOk'))}` : `✗ ${esc(t('signatureBad'))}`}</dd></div>`;
  const token = encodeURIComponent(link.token);
  const title = t(`status${status}` as 'statusValid');
  return {
    title: c.title,
    body:
      `<div class="mx-auto max-w-2xl space-y-4">` +
      `<p class="text-sm font-medium text-slate-700">${esc(s('public.intro'))}</p>` +
      linkFacts(locale, link, ownerName) +
      `<section role="status" data-testid="verify-result" data-status="${c.status}" class="verdict">` +
      `<div class="flex items-start gap-4"><span aria-hidden="true" class="verdict-icon">${ICONS[c.status] ?? ICONS.revoked}</span>` +
      `<div><h1 class="text-2xl font-semibold">${esc(title)}</h1>` +
      `<p class="mt-1">${esc(t(`status${status}Body` as 'statusValidBody', { issuer: c.issuer.name, date: date(c.expiryDate) ?? '' }))}</p>` +
      `${reason}</div></div></section>` +
      `<section class="card"><h2 class="card-title">${esc(c.title)}</h2><dl class="facts">${facts}${signature}</dl></section>` +
      `<div class="flex flex-wrap gap-2">` +
      `<a href="/s/${token}/pdf" class="btn btn-primary" data-testid="share-pdf">${esc(s('public.downloadPdf'))}</a>` +
      `<a href="/verify/${encodeURIComponent(c.verificationCode)}" class="btn btn-secondary" data-testid="share-verify">${esc(s('public.verifyLink'))}</a>` +
      `</div></div>`,
  };
}

/** A shared uploaded document: its name and a download. */
export function sharedFileBody(
  locale: Locale,
  file: { name: string; fileKind: string; size: number },
  link: { token: string; expiresAt: Date; purpose: string | null },
  ownerName: string | null,
): { title: string; body: string } {
  const s = translatorFor(locale, 'sharing');
  const size =
    file.size >= 1024 * 1024
      ? `${(file.size / (1024 * 1024)).toFixed(1)} MB`
      : `${Math.max(1, Math.round(file.size / 1024))} KB`;
  return {
    title: file.name,
    body:
      `<div class="mx-auto max-w-2xl space-y-4">` +
      `<p class="text-sm font-medium text-slate-700">${esc(s('public.introFile'))}</p>` +
      linkFacts(locale, link, ownerName) +
      `<section class="card" data-testid="shared-file"><h1 class="card-title break-all">${esc(file.name)}</h1>` +
      `<p class="text-sm text-slate-600">${esc(file.fileKind.toUpperCase())} · ${esc(size)}</p>` +
      `<p class="mt-2 text-sm text-slate-600">${esc(s('public.fileNote'))}</p>` +
      `<div class="mt-4"><a href="/s/${encodeURIComponent(link.token)}/file" class="btn btn-primary" data-testid="share-download">${esc(s('public.download'))}</a></div>` +
      `</section></div>`,
  };
}
