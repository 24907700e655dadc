import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// The security headers of every response, set by the web server in front of Next.js
// (scripts/serve.mjs) in one place. Pages get a Content-Security-Policy with a fresh nonce per
// request: Next.js reads it from the request's `content-security-policy` header and puts it on
// the inline scripts it writes, and 'strict-dynamic' lets those scripts load the app's chunks.
// Route handlers (/api) answer data, never pages, so they get a policy that allows nothing.

export type SecurityOptions = {
  /** `npm run dev`: Next.js needs eval for its error overlay and a websocket for hot reload. */
  dev: boolean;
  /** Served over https in production: browsers are told to use https only (HSTS). */
  hsts: boolean;
};

/** HSTS only where it means something: production behind https, never a local http server. */
export function securityOptionsFromEnv(env: Record<string, string | undefined>): SecurityOptions {
  return {
    dev: env.SANAD_DEV === '1',
    hsts:
      env.APP_ENV === 'production' &&
      (env.PUBLIC_BASE_URL ?? '').toLowerCase().startsWith('https://'),
  };
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function pagePolicy(nonce: string, { dev, hsts }: SecurityOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // <style> elements need the nonce; style attributes (a progress bar's width) are allowed.
    // In dev the error overlay and hot reload write <style> elements without one.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(hsts ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Documents a citizen shares or uploads, served only as downloads: were one opened in the
 * browser after all, it runs in a sandbox with nothing allowed.
 */
export const DOWNLOAD_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** Routes that answer such a download (a share link's PDF or file). */
export const DOWNLOAD_PATHS = [/^\/s\/[^/?]+\/(?:pdf|file)(?:[?#]|$)/];

export const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers every response carries, whatever its content-security-policy. */
export function commonHeaders({ hsts }: SecurityOptions): [string, string][] {
  return [
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ['x-frame-options', 'DENY'],
    ...(hsts ? [['strict-transport-security', HSTS] as [string, string]] : []),
  ];
}

const CSP = 'content-security-policy';

/** Every security header of a route handler's answer, for the web server's own JSON answers. */
export function apiHeaders(options: SecurityOptions): Record<string, string> {
  return Object.fromEntries([...commonHeaders(options), [CSP, API_POLICY]]);
}

/**
 * Sets the security headers on `res` before Next.js answers `req`; for a page, also the policy
 * with its nonce on `req`, where Next.js reads it. A policy the client sent is never used.
 */
export function securityHeaders(options: SecurityOptions) {
  const common = commonHeaders(options);
  return (req: IncomingMessage, res: ServerResponse): void => {
    for (const [name, value] of common) res.setHeader(name, value);
    delete req.headers[`${CSP}-report-only`];
    const url = req.url ?? '/';
    if (url.startsWith('/_next/static/')) {
      delete req.headers[CSP];
    } else if (DOWNLOAD_PATHS.some((p) => p.test(url))) {
      delete req.headers[CSP];
      res.setHeader(CSP, DOWNLOAD_POLICY);
    } else if (url.startsWith('/api/')) {
      delete req.headers[CSP];
      res.setHeader(CSP, API_POLICY);
    } else {
      const policy = pagePolicy(newNonce(), options);
      req.headers[CSP] = policy;
      res.setHeader(CSP, policy);
    }
  };
}
