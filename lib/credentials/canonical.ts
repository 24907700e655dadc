// Canonical JSON (sorted keys, no insignificant whitespace, like RFC 8785 for the values we use:
// strings, integers, booleans, null, arrays, objects). The Ed25519 signature covers these bytes.
// Hot (once per certificate when publishing 100,000 rows): a value whose objects already have
// their keys in order (as the records built for signing do) is written by JSON.stringify, which
// gives the same text for it, at about a third of the cost of writing it here.

export function canonicalJson(value: unknown): string {
  return inCanonicalOrder(value) ? JSON.stringify(value) : canonicalText(value);
}

/**
 * Whether JSON.stringify writes the value canonically: only plain objects and arrays, strings,
 * booleans, finite numbers and null; every object's keys in sorted order (V8 puts integer-like
 * keys first, so "10" after "9" fails the check); no undefined or hole in an array.
 */
function inCanonicalOrder(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (!(i in value) || !inCanonicalOrder(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      let previous = '';
      const object = value as Record<string, unknown>;
      for (const key in object) {
        if (key < previous) return false;
        previous = key;
        const v = object[key];
        if (v !== undefined && !inCanonicalOrder(v)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function canonicalText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonical JSON: non-finite number');
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      // `map` keeps holes of a sparse array, which `join` writes as nothing.
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new Error(`canonical JSON: unsupported ${typeof value}`);
  }
}

function canonicalObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      keys.sort(); // UTF-16 code unit order, as `<` compares
      break;
    }
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += quotedKey(key) + ':' + canonicalJson(v);
  }
  return `${out}}`;
}

// Objects of one kind share their keys: each is quoted (JSON.stringify) once.
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
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

/** The signed bytes of a record, as text (the signature covers its UTF-8 encoding). */
export function signedPayloadJson(record: SignedRecord): string {
  return signedPayloadParts(record).payload;
}

/**
 * The signed bytes of a record as text, and the canonical JSON of its data, which the payload
 * begins with (`{"data":…`: "data" sorts first), for a caller that stores the data as well.
 * The members are listed here in sorted order, so that the fast path of `canonicalJson` applies.
 */
export function signedPayloadParts(record: SignedRecord): { payload: string; data: string } {
  const r = record;
  const data = canonicalJson(r.data);
  if (!Number.isSafeInteger(r.version))
    throw new Error('canonical JSON: version is not an integer');
  // Written by JSON.stringify without `inCanonicalOrder`'s walk: the members are in sorted order
  // here, and each is a string, null or the integer checked above (or undefined, left out by
  // both writers alike).
  const rest = JSON.stringify({
    docType: r.docType,
    expiryDate: r.expiryDate,
    issueDate: r.issueDate,
    issuedAt: r.issuedAt,
    issuerCode: r.issuerCode,
    number: r.number,
    recipient: {
      dob: r.recipient.dob,
      gender: r.recipient.gender,
      name: r.recipient.name,
      uidMasked: r.recipient.uidMasked,
    },
    supersedes: r.supersedes,
    templateKey: r.templateKey,
    title: r.title,
    uri: r.uri,
    v: 1,
    validFrom: r.validFrom,
    verificationCode: r.verificationCode,
    version: r.version,
  });
  return { payload: `{"data":${data},${rest.slice(1)}`, data };
}
