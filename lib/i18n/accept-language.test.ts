import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, requestLocale } from './accept-language';

describe('the language a browser asks for', () => {
  it.each([
    ['hi-IN,hi;q=0.9,en-US;q=0.8,en;q=0.7', 'hi'], // a phone set to Hindi
    ['hi', 'hi'],
    ['en-IN,en;q=0.9,hi;q=0.8', 'en'],
    ['en-US,en;q=0.5,hi;q=0.9', 'hi'], // q-values decide, not the order
    ['mr-IN,hi;q=0.8,en;q=0.6', 'hi'], // Marathi first: the nearest we have
    ['HI-in', 'hi'],
    ['*', 'en'],
    ['hi;q=0, en;q=0.1', 'en'], // q=0 means "not this one"
  ])('%s → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it.each([undefined, null, '', '  ', 'fr-FR,de;q=0.9', 'hi;q=0', ';;;,=='])(
    'names none of ours: %s',
    (header) => {
      expect(localeFromAcceptLanguage(header)).toBeNull();
    },
  );
});

describe('the language of a request', () => {
  it('follows the browser until the person chooses, then their choice', () => {
    expect(requestLocale(undefined, 'hi-IN,hi;q=0.9,en;q=0.8')).toBe('hi');
    expect(requestLocale('en', 'hi-IN,hi;q=0.9,en;q=0.8')).toBe('en');
    expect(requestLocale('hi', 'en-US')).toBe('hi');
    // A cookie with something else in it is no choice.
    expect(requestLocale('xx', 'hi')).toBe('hi');
    expect(requestLocale(undefined, undefined)).toBe('en');
    expect(requestLocale(undefined, 'fr')).toBe('en');
  });
});
