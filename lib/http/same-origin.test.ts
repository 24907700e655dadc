import { describe, expect, it } from 'vitest';
import { crossSiteReason, isStateChanging } from './same-origin';

const own = ['https://sanad.example.gov.in'];
const h = (o: Record<string, string>) => new Headers(o);

describe('cross-site request check', () => {
  it('lets a same-origin browser request through', () => {
    expect(
      crossSiteReason(
        h({ origin: 'https://sanad.example.gov.in', 'sec-fetch-site': 'same-origin' }),
        own,
      ),
    ).toBeNull();
  });

  it('takes the Host the browser used as ours (a local run, a second address)', () => {
    expect(
      crossSiteReason(h({ origin: 'http://localhost:3000', host: 'localhost:3000' }), own),
    ).toBeNull();
    expect(
      crossSiteReason(
        h({
          origin: 'https://alt.example',
          host: 'internal:3000',
          'x-forwarded-host': 'alt.example',
        }),
        own,
      ),
    ).toBeNull();
  });

  it('lets a request without browser headers through (no cookies of anyone else)', () => {
    expect(crossSiteReason(h({ host: 'sanad.example.gov.in' }), own)).toBeNull();
  });

  it('refuses another origin and says which', () => {
    expect(
      crossSiteReason(h({ origin: 'http://evil.example', host: 'sanad.example.gov.in' }), own),
    ).toBe('Origin: http://evil.example');
  });

  it('refuses a cross-site or same-site fetch even when Origin is missing', () => {
    expect(crossSiteReason(h({ 'sec-fetch-site': 'cross-site' }), own)).toBe(
      'Sec-Fetch-Site: cross-site',
    );
    expect(crossSiteReason(h({ 'sec-fetch-site': 'same-site' }), own)).toBe(
      'Sec-Fetch-Site: same-site',
    );
  });

  it('refuses an opaque or non-web origin', () => {
    expect(crossSiteReason(h({ origin: 'null', host: 'x' }), own)).toBe('Origin: null');
    expect(crossSiteReason(h({ origin: 'file://', host: 'x' }), own)).toBe('Origin: file://');
  });

  it('refuses a look-alike host', () => {
    expect(
      crossSiteReason(
        h({ origin: 'https://sanad.example.gov.in.evil.example', host: 'sanad.example.gov.in' }),
        own,
      ),
    ).toMatch(/^Origin:/);
  });

  it('lets a request the person started themselves through (Sec-Fetch-Site: none)', () => {
    expect(crossSiteReason(h({ 'sec-fetch-site': 'none' }), own)).toBeNull();
    expect(
      crossSiteReason(h({ 'sec-fetch-site': 'none', origin: 'https://sanad.example.gov.in' }), own),
    ).toBeNull();
  });

  it('refuses a non-web scheme even with our host name', () => {
    expect(
      crossSiteReason(
        h({ origin: 'ftp://sanad.example.gov.in', host: 'sanad.example.gov.in' }),
        own,
      ),
    ).toBe('Origin: ftp://sanad.example.gov.in');
    // A configured address that is not a web origin does not make that host ours.
    expect(
      crossSiteReason(h({ origin: 'https://evil.example' }), ['ftp://evil.example', ...own]),
    ).toBe('Origin: https://evil.example');
  });

  it('takes the first host of a proxy chain in X-Forwarded-Host, in any case', () => {
    expect(
      crossSiteReason(
        h({
          origin: 'https://alt.example',
          host: 'internal:3000',
          'x-forwarded-host': 'ALT.example , proxy.internal',
        }),
        own,
      ),
    ).toBeNull();
    expect(
      crossSiteReason(
        h({
          origin: 'https://proxy.internal',
          host: 'internal:3000',
          'x-forwarded-host': 'alt.example, proxy.internal',
        }),
        own,
      ),
    ).toBe('Origin: https://proxy.internal');
  });

  it('quotes at most 100 characters of a refused origin', () => {
    const long = `https://${'e'.repeat(200)}.example`;
    expect(crossSiteReason(h({ origin: long }), own)).toBe(`Origin: ${long.slice(0, 100)}`);
    const opaque = `data:${'x'.repeat(200)}`;
    expect(crossSiteReason(h({ origin: opaque }), own)).toBe(`Origin: ${opaque.slice(0, 100)}`);
  });

  it('checks only methods that change state', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].map(isStateChanging)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map(isStateChanging)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
