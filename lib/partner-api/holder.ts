// Whether the person a Pull URI request describes is the certificate's holder. DigiLocker sends
// the searcher's Aadhaar details (UID, FullName, DOB as on Aadhaar) and asks issuers to check
// them before returning a certificate (Issuer API, Pull URI). Pure: the UID arrives here only as
// its vault id (lib/vault/aadhaar-entry.ts), never as the number.

/** What the request says about the person searching. */
export type HolderClaims = {
  name: string;
  dob: string;
  /**
   * The UID: the vault id of a 12-digit number; 'unreadable' for any other value (it cannot
   * agree with a record that has an Aadhaar number); null when none was sent, or only its MD5
   * form, which cannot be matched without the number in clear.
   */
  uid: { vaultId: string } | 'unreadable' | null;
};

/** What the certificate says about its holder. */
export type HolderOnRecord = {
  name: string;
  /** ISO date. */
  dob: string | null;
  /** The vault id of the Aadhaar number the certificate was issued against. */
  aadhaarVaultId: string | null;
};

/** Names compare after normalising case, spaces and punctuation. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s.,'’\-_]+/g, '');
}

/** DOB as sent (DD-MM-YYYY, DD/MM/YYYY, or ISO) to ISO. */
export function isoDob(input: string): string | null {
  const dmy = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(input.trim());
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(input.trim()) ? input.trim() : null;
}

/** The UID element read: its 12 digits, 'md5' for the hashed form, 'unreadable', or null. */
export function readUid(uid: string): { digits: string } | 'md5' | 'unreadable' | null {
  const value = uid.replace(/\s/g, '');
  if (!value) return null;
  if (/^\d{12}$/.test(value)) return { digits: value };
  return /^[0-9a-f]{32}$/i.test(value) ? 'md5' : 'unreadable';
}

/**
 * Every identity field the request carries must agree with the record wherever the record has
 * that field, and what agrees must identify the holder: the Aadhaar number, or both the name
 * and the date of birth. A field the record lacks is no evidence either way.
 */
export function holderMatches(claims: HolderClaims, record: HolderOnRecord): boolean {
  const given = normaliseName(claims.name);
  const name = claims.name ? given !== '' && given === normaliseName(record.name) : null;
  const dob = !claims.dob ? null : record.dob ? isoDob(claims.dob) === record.dob : null;
  // A DOB that cannot be read is a mismatch, not an absent field.
  const unreadableDob = Boolean(claims.dob) && isoDob(claims.dob) === null;
  const uid =
    claims.uid && record.aadhaarVaultId
      ? claims.uid !== 'unreadable' && claims.uid.vaultId === record.aadhaarVaultId
      : null;
  if (name === false || dob === false || uid === false || unreadableDob) return false;
  return uid === true || (name === true && dob === true);
}
