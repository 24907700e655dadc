import { describe, expect, it } from 'vitest';
import { ZContactPerson } from '@/lib/institutions/schemas';
import { ZProfileInput } from '@/lib/identity/schemas';
import { stripInvisible, zVisibleText } from './visible';

const INVISIBLE = [
  ...[0x200b, 0x200c, 0x200d, 0x200e, 0x200f],
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e],
  ...[0x2066, 0x2067, 0x2068, 0x2069],
].map((c) => String.fromCharCode(c));

describe('stripInvisible', () => {
  it.each(INVISIBLE.map((c) => [c.charCodeAt(0).toString(16), c]))('removes U+%s', (_hex, c) =>
    expect(stripInvisible(`As${c}ha`)).toBe('Asha'),
  );

  it('keeps other text, Devanagari and ordinary spaces as they are', () => {
    for (const s of ['आशा शर्मा', 'Ravi  Patel', 'O’Brien', '']) expect(stripInvisible(s)).toBe(s);
    // A name that shows as "Asha.csv" but is stored as "Asha\u202Evsc.exe" reads as stored.
    expect(stripInvisible('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });
});

describe('zVisibleText', () => {
  const name = zVisibleText(2, 10, 'name');

  it('removes invisible characters before trimming and counting', () => {
    expect(name.parse(' \u200BAsha\u202E ')).toBe('Asha');
    expect(name.safeParse('\u200B\u200BA\u2066').error?.issues.map((i) => i.message)).toEqual([
      'name',
    ]);
  });

  it('is what the person and institution forms use for names', () => {
    const person = ZContactPerson.parse({
      name: 'Rajesh\u202E Kumar',
      designation: 'Principal\u200D',
      mobile: '9876543210',
      email: 'r@example.in',
    });
    expect(person).toMatchObject({ name: 'Rajesh Kumar', designation: 'Principal' });
    expect(
      ZProfileInput.parse({ name: '\u2067Asha\u2069', dob: '2001-05-14', gender: 'F', email: '' })
        .name,
    ).toBe('Asha');
  });
});
