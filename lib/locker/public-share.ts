import 'server-only';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Db } from '@/db/client';
import { addressKey, takeRateLimit } from '@/lib/auth/rate-limit';
import { certificateFileName } from '@/lib/credentials/file-name';
import { getRendition } from '@/lib/credentials/renditions';
import { verifyByCode } from '@/lib/credentials/verify-record';
import { GoneError, NotFoundError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { attachment } from '@/lib/http/content-disposition';
import { stylesheetsOf } from '@/lib/http/next-build-assets';
import { cookieHeaderLookup, publicRequestOf } from '@/lib/http/public-request';
import type { Locale } from '@/lib/i18n/locales';
import { openStored } from '@/lib/storage';
import { readDocument, type AccessAction, type AccessGrant, type ShareLinkGrant } from './access';
import {
  shareMessageBody,
  sharedCertificateBody,
  sharedFileBody,
  sharePageDocument,
} from './share-page-html';
import { findShareLink } from './share-links';

// GET /s/{token}, /s/{token}/pdf and /s/{token}/file, opened by anyone holding the link. Every
// open goes through the access decision, which checks the link (revoked or expired: 410) and
// logs the read against the holder with the link and its purpose. A token no link has is 404;
// an address that keeps trying unknown tokens is slowed down (429).

const GUESS_LIMIT = 30;
const GUESS_WINDOW_SECONDS = 15 * 60;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
};

// The site's stylesheet, as the build links it on the verification page (null in `npm run dev`,
// where the page is then plain but whole).
let stylesheets: string[] | undefined;
function siteStylesheets(): string[] {
  stylesheets ??= stylesheetsOf(path.resolve('.next'), '/verify/[code]/page') ?? [];
  return stylesheets;
}

function viewerOf(req: Request): { locale: Locale; signedIn: boolean } {
  return publicRequestOf(
    cookieHeaderLookup(req.headers.get('cookie') ?? undefined),
    req.headers.get('accept-language'),
  );
}

function page(req: Request, status: number, content: { title: string; body: string }): Response {
  const viewer = viewerOf(req);
  const html = sharePageDocument(
    { ...viewer, stylesheets: siteStylesheets() },
    content.title,
    content.body,
  );
  return new Response(html, { status, headers: PAGE_HEADERS });
}

function messagePage(
  req: Request,
  kind: 'gone' | 'notFound' | 'rateLimited' | 'error',
  ref?: string,
): Response {
  const status = { gone: 410, notFound: 404, rateLimited: 429, error: 500 }[kind];
  return page(req, status, shareMessageBody(kind, viewerOf(req).locale, ref));
}

type Opened = { link: ShareLinkGrant & { ownerName: string | null }; doc: AccessGrant };

/** The link and its document, read (and logged) for `action`; or the page that says why not. */
async function open(
  db: Db,
  req: Request,
  token: string,
  action: AccessAction,
): Promise<Opened | Response> {
  const ip = clientIp(req.headers);
  const link = await findShareLink(db, token);
  if (!link) {
    const allowed = await takeRateLimit(
      db,
      'share.unknown-token',
      addressKey(ip),
      GUESS_LIMIT,
      GUESS_WINDOW_SECONDS,
      { exact: false },
    );
    return messagePage(req, allowed ? 'notFound' : 'rateLimited');
  }
  const target = link.certificateId
    ? { certificateId: link.certificateId }
    : { fileId: link.fileId! };
  try {
    const doc = await readDocument(db, {
      reader: { kind: 'share_link', link },
      target,
      action,
      ip,
    });
    return { link, doc };
  } catch (error) {
    if (error instanceof GoneError) return messagePage(req, 'gone');
    if (error instanceof NotFoundError) return messagePage(req, 'notFound');
    throw error;
  }
}

async function guarded(req: Request, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    const ref = Math.random().toString(16).slice(2, 10).toUpperCase();
    console.error(
      `[error ref=${ref}] GET ${new URL(req.url).pathname.replace(/\/s\/[^/]+/, '/s/{token}')}:`,
      error,
    );
    return messagePage(req, 'error', ref);
  }
}

/** GET /s/{token}: the shared document's page with its live status. */
export function sharePageResponse(db: Db, req: Request, token: string): Promise<Response> {
  return guarded(req, async () => {
    const opened = await open(db, req, token, 'view');
    if (opened instanceof Response) return opened;
    const { link, doc } = opened;
    const { locale } = viewerOf(req);
    const shown = { token, expiresAt: link.expiresAt, purpose: link.purpose };
    if (doc.kind === 'file')
      return page(req, 200, sharedFileBody(locale, doc, shown, link.ownerName));
    const live = await verifyByCode(db, doc.verificationCode);
    if (!live) return messagePage(req, 'notFound');
    return page(req, 200, sharedCertificateBody(locale, live.result, shown, link.ownerName));
  });
}

/** GET /s/{token}/pdf: a shared certificate's PDF. */
export function sharedPdfResponse(db: Db, req: Request, token: string): Promise<Response> {
  return guarded(req, async () => {
    const opened = await open(db, req, token, 'pdf');
    if (opened instanceof Response) return opened;
    const { doc } = opened;
    if (doc.kind !== 'certificate') return messagePage(req, 'notFound');
    const body = await getRendition(db, doc.id, 'pdf');
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': attachment(certificateFileName(doc.number, doc.version, 'pdf')),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        'referrer-policy': 'no-referrer',
      },
    });
  });
}

const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
};

/** GET /s/{token}/file: a shared uploaded document, only ever as a download. */
export function sharedFileResponse(db: Db, req: Request, token: string): Promise<Response> {
  return guarded(req, async () => {
    const opened = await open(db, req, token, 'file');
    if (opened instanceof Response) return opened;
    const { doc } = opened;
    if (doc.kind !== 'file') return messagePage(req, 'notFound');
    const stream = Readable.toWeb(openStored(doc.storageKey)) as ReadableStream<Uint8Array>;
    return new Response(stream, {
      headers: {
        'content-type': FILE_TYPES[doc.fileKind] ?? 'application/octet-stream',
        'content-length': String(doc.size),
        'content-disposition': attachment(doc.name),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "sandbox; default-src 'none'",
        'referrer-policy': 'no-referrer',
      },
    });
  });
}
