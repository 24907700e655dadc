import { createHash, createHmac, randomUUID } from 'node:crypto';

// DigiLocker-side requests as a partner's client writes them (spec/digilocker.md, Pull URI and
// Pull Doc), for the partner API's tests.

export const isoNow = () => new Date().toISOString().replace('Z', '+00:00');

export const hmacOf = (body: string, key: string) =>
  createHmac('sha256', key).update(body).digest('base64');

export const keyhashOf = (key: string, ts: string, enc: 'hex' | 'base64' = 'hex') =>
  createHash('sha256')
    .update(key + ts)
    .digest(enc);

type Common = {
  orgId: string;
  ts?: string;
  txn?: string;
  format?: string;
  keyhash?: string;
  /** false: no namespace on the root. */
  ns?: boolean;
};

function root(name: string, o: Common): string {
  const ns = o.ns === false ? '' : ' xmlns="http://tempuri.org/"';
  const keyhash = o.keyhash ? ` keyhash="${o.keyhash}"` : '';
  return `<${name}${ns} ver="1.0" ts="${o.ts ?? isoNow()}" txn="${o.txn ?? randomUUID()}" orgId="${o.orgId}"${keyhash} format="${o.format ?? 'xml'}">`;
}

/** A Pull URI request; an identity field given as null is left out. */
export function pullUriBody(
  o: Common & {
    number: string;
    docType?: string;
    name?: string | null;
    dob?: string | null;
    uid?: string | null;
  },
): string {
  const el = (tag: string, v: string | null | undefined) => (v ? `<${tag}>${v}</${tag}>` : '');
  return `<?xml version="1.0" encoding="utf-8"?>${root('PullURIRequest', o)}<DocDetails><DocType>${o.docType ?? 'SKCER'}</DocType><DigiLockerId>${randomUUID()}</DigiLockerId>${el('UID', o.uid)}${el('FullName', o.name)}${el('DOB', o.dob)}<UDF1>${o.number}</UDF1></DocDetails></PullURIRequest>`;
}

export function pullDocBody(o: Common & { uri: string }): string {
  return `${root('PullDocRequest', o)}<DocDetails><URI>${o.uri}</URI><DigiLockerId>${randomUUID()}</DigiLockerId></DocDetails></PullDocRequest>`;
}
