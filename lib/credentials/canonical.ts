// Canonical JSON (sorted keys, no insignificant whitespace, like RFC 8785 for the values we use:
// strings, integers, booleans, null, arrays, objects). The Ed25519 signature covers these bytes.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON: non-finite number');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON: unsupported ${typeof value}`);
}

/** The fields of a certificate record that its signature covers. */
export type SignedRecord = {
  issuerCode: string;
  docType: string;
  uri: string;
  number: string;
  version: number;
  verificationCode: string;
  title: string;
  recipient: {
    name: string;
    dob: string | null;
    gender: string | null;
    uidMasked: string | null;
  };
  issueDate: string;
  validFrom: string | null;
  expiryDate: string | null;
  issuedAt: string;
  data: Record<string, unknown>;
  templateKey: string;
  supersedes: string | null;
};

export function signedPayload(record: SignedRecord): Buffer {
  return Buffer.from(canonicalJson({ v: 1, ...record }), 'utf8');
}
