import { z } from 'zod';

// Names people see (a certificate's holder, an institution, a file) must read as they are stored.
// Bidirectional controls (U+202A–202E, U+2066–2069) can show "Asha" for a name stored otherwise, or
// reverse a file name's extension on screen, and zero-width characters (U+200B–200F) make two
// names that look the same differ: both are removed before a name is stored, signed or shown.

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The text without bidirectional controls and zero-width characters. */
export function stripInvisible(text: string): string {
  // Tested first: most text has none, and then no copy is made.
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

/**
 * A name or other text a person sees, as forms take it: invisible characters removed, then
 * trimmed, then `min` to `max` characters; `key` is the message of every failure.
 */
export function zVisibleText(min: number, max: number, key: string) {
  return z.string(key).overwrite(stripInvisible).trim().min(min, key).max(max, key);
}
