import { describe, expect, it } from 'vitest';
import { cookieHeaderLookup, publicRequestOf } from './public-request';

const of = (header?: string, acceptLanguage?: string) =>
  publicRequestOf(cookieHeaderLookup(header), acceptLanguage);

describe('publicRequestOf', () => {
  it('reads the language cookie the switcher sets, English otherwise', () => {
    expect(of('NEXT_LOCALE=hi').locale).toBe('hi');
    expect(of('a=1; NEXT_LOCALE=hi; b=2').locale).toBe('hi');
    expect(of('NEXT_LOCALE=fr').locale).toBe('en');
    expect(of(undefined).locale).toBe('en');
    expect(of('garbage;;=;NEXT_LOCALE').locale).toBe('en');
  });

  it("follows a Hindi browser until the person chooses, as the site's pages do", () => {
    expect(of(undefined, 'hi-IN,hi;q=0.9,en;q=0.8').locale).toBe('hi');
    expect(of('NEXT_LOCALE=en', 'hi-IN,hi;q=0.9').locale).toBe('en');
    expect(of(undefined, 'fr-FR').locale).toBe('en');
  });

  it("notices next-auth's session cookie over http or https, without reading it", () => {
    expect(of('next-auth.session-token=x').signedIn).toBe(true);
    expect(of('__Secure-next-auth.session-token=x').signedIn).toBe(true);
    expect(of('next-auth.session-token=').signedIn).toBe(false);
    expect(of('NEXT_LOCALE=hi').signedIn).toBe(false);
  });
});
