import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  API_POLICY,
  DOWNLOAD_POLICY,
  HSTS,
  pagePolicy,
  securityHeaders,
  securityOptionsFromEnv,
  type SecurityOptions,
} from './security-headers';

const PROD: SecurityOptions = { dev: false, hsts: true };
const LOCAL: SecurityOptions = { dev: false, hsts: false };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

/** Runs the server's header step for one request; returns what Next.js and the client see. */
function serve(url: string, options: SecurityOptions, sent: Record<string, string> = {}) {
  const req = { url, headers: { ...sent } } as unknown as IncomingMessage;
  const out = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => out.set(name.toLowerCase(), value),
  } as unknown as ServerResponse;
  securityHeaders(options)(req, res);
  return { requestHeaders: req.headers, responseHeaders: out };
}

describe('the page Content-Security-Policy', () => {
  it('allows scripts only with the nonce (and what they load), nothing embedded or framed', () => {
    const d = directives(pagePolicy('abc123==', LOCAL));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(pagePolicy('x', LOCAL)).not.toContain('unsafe-eval');
  });

  it("allows eval, inline styles and the hot-reload socket only in dev (Next.js's dev mode needs them)", () => {
    const d = directives(pagePolicy('n', { dev: true, hsts: false }));
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.get('style-src')).toContain("'unsafe-inline'");
    expect(d.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('upgrades insecure requests in production behind https', () => {
    expect(directives(pagePolicy('n', PROD)).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('the headers set on each request', () => {
  it('gives each page a fresh nonce, the same on the request (for Next.js) and the response', () => {
    const a = serve('/verify/ABCD-EFGH-JKLM', LOCAL);
    const b = serve('/verify/ABCD-EFGH-JKLM', LOCAL);
    const policy = a.responseHeaders.get('content-security-policy')!;
    expect(a.requestHeaders['content-security-policy']).toBe(policy);
    const nonce = /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(policy)?.[1];
    expect(nonce).toHaveLength(24);
    expect(b.responseHeaders.get('content-security-policy')).not.toContain(nonce);
  });

  it('never lets a client choose the policy (or its nonce)', () => {
    const sent = {
      'content-security-policy': "script-src 'nonce-chosen'",
      'content-security-policy-report-only': "script-src 'nonce-chosen'",
    };
    const page = serve('/', LOCAL, sent);
    expect(page.requestHeaders['content-security-policy']).not.toContain('chosen');
    expect(page.requestHeaders['content-security-policy-report-only']).toBeUndefined();
    const api = serve('/api/health', LOCAL, sent);
    expect(api.requestHeaders['content-security-policy']).toBeUndefined();
    expect(api.requestHeaders['content-security-policy-report-only']).toBeUndefined();
  });

  it('gives route handlers a policy that allows nothing, and static files none', () => {
    expect(serve('/api/verify/X', LOCAL).responseHeaders.get('content-security-policy')).toBe(
      API_POLICY,
    );
    expect(
      serve('/_next/static/chunks/a.js', LOCAL).responseHeaders.has('content-security-policy'),
    ).toBe(false);
  });

  it("sandboxes a shared document's download, and only there", () => {
    for (const url of ['/s/abc_DEF-1/pdf', '/s/abc/file', '/s/abc/file?x=1'])
      expect(serve(url, LOCAL).responseHeaders.get('content-security-policy')).toBe(
        DOWNLOAD_POLICY,
      );
    expect(serve('/s/abc', LOCAL).responseHeaders.get('content-security-policy')).toContain(
      'nonce-',
    );
    expect(serve('/s/abc/pdfx', LOCAL).responseHeaders.get('content-security-policy')).toContain(
      'nonce-',
    );
  });

  it('sends HSTS in production over https only, and the other headers everywhere', () => {
    for (const url of ['/', '/api/health', '/_next/static/a.css']) {
      expect(serve(url, PROD).responseHeaders.get('strict-transport-security')).toBe(HSTS);
      const local = serve(url, LOCAL).responseHeaders;
      expect(local.has('strict-transport-security')).toBe(false);
      expect(local.get('x-content-type-options')).toBe('nosniff');
      expect(local.get('x-frame-options')).toBe('DENY');
      expect(local.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });
});

describe('securityOptionsFromEnv', () => {
  it('turns HSTS on for APP_ENV=production with an https PUBLIC_BASE_URL, and nowhere else', () => {
    const env = (e: Record<string, string>) => securityOptionsFromEnv(e).hsts;
    expect(env({ APP_ENV: 'production', PUBLIC_BASE_URL: 'https://sanad.example.org' })).toBe(true);
    expect(env({ APP_ENV: 'production', PUBLIC_BASE_URL: 'http://10.0.0.5:3000' })).toBe(false);
    expect(env({ APP_ENV: 'local', PUBLIC_BASE_URL: 'https://sanad.example.org' })).toBe(false);
    expect(env({ APP_ENV: 'local', PUBLIC_BASE_URL: 'http://localhost:3000' })).toBe(false);
  });

  it('knows dev mode from SANAD_DEV', () => {
    expect(securityOptionsFromEnv({ SANAD_DEV: '1' }).dev).toBe(true);
    expect(securityOptionsFromEnv({ SANAD_DEV: '' }).dev).toBe(false);
  });
});
