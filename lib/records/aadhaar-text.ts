import { verhoeffValid } from '@/lib/identity/verhoeff';

// Aadhaar numbers in award files: shown only masked (`XXXX XXXX 1234`), wherever they turn up.
// Pure, for the row checks on either thread, the report and the browser preview.

const SPACES_DASHES = /[\s-]/g;
const AADHAAR_LIKE = /(?<!\d)[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
/** A cheap first look for `AADHAAR_LIKE`: it runs on every long cell of a file. */
const MAYBE_AADHAAR = /[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}/;

/** An Aadhaar number as Sanad's report and certificates mask it, given back. */
export const MASKED_AADHAAR = /^[X*]{4}[\s-]?[X*]{4}[\s-]?\d{4}$/i;

/** The mask of an Aadhaar number (or of what was typed for one), from its digits. */
export const maskedAadhaar = (compact: string) => `XXXX XXXX ${compact.slice(-4)}`;

/**
 * The text with every Aadhaar number in it masked: 12 digits (in groups of four or not), the
 * first 2-9, with a valid Verhoeff check digit, as an Aadhaar number has. Null when it holds
 * none.
 */
export function maskAadhaarLike(v: string): string | null {
  if (v.length < 12 || !MAYBE_AADHAAR.test(v)) return null;
  let found = false;
  const masked = v.replace(AADHAAR_LIKE, (m) => {
    const digits = m.replace(SPACES_DASHES, '');
    if (!verhoeffValid(digits)) return m;
    found = true;
    return maskedAadhaar(digits);
  });
  return found ? masked : null;
}
