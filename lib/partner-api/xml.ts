import { DOMParser, type Element } from '@xmldom/xmldom';
import { escapeAttr } from '@/lib/credentials/xml/build-certificate-xml';

// Pull URI / Pull Doc request parsing and response writing (spec/digilocker.md). Requests are
// hostile: small, no DTD, no PIs, parsed strictly and namespace-agnostically (the tempuri
// namespace may be the default namespace or absent).

export const MAX_REQUEST_BYTES = 64 * 1024;

export type PullRequest = {
  root: 'PullURIRequest' | 'PullDocRequest';
  ver: string;
  ts: string;
  txn: string;
  orgId: string;
  keyhash: string | null;
  format: 'xml' | 'pdf' | 'both';
  details: Record<string, string>;
};

export type ParseResult =
  { ok: true; req: PullRequest } | { ok: false; message: string; ts: string; txn: string };

function attr(el: Element, name: string): string {
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if ((a.localName ?? a.name).toLowerCase() === name.toLowerCase()) return a.value;
  }
  return '';
}

export function parsePullRequest(raw: Buffer, expected: PullRequest['root']): ParseResult {
  const fail = (message: string, ts = '', txn = ''): ParseResult => ({
    ok: false,
    message,
    ts,
    txn,
  });
  if (raw.length === 0) return fail('Empty request body');
  if (raw.length > MAX_REQUEST_BYTES) return fail('Request too large');
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    return fail('DOCTYPE and entity declarations are not allowed');
  const pis = text.match(/<\?/g)?.length ?? 0;
  if (pis > 1 || (pis === 1 && !/^\s*<\?xml\s[^?]*\?>/.test(text)))
    return fail('Processing instructions are not allowed');
  let broken = false;
  let root: Element | null = null;
  try {
    const doc = new DOMParser({ onError: () => (broken = true) }).parseFromString(text, 'text/xml');
    root = doc.documentElement ?? null;
  } catch {
    broken = true;
  }
  if (broken || !root) return fail('The request is not well-formed XML');
  const ts = attr(root, 'ts');
  const txn = attr(root, 'txn');
  if (root.localName !== expected) return fail(`Expected a ${expected}`, ts, txn);
  const formatRaw = (attr(root, 'format') || 'xml').toLowerCase();
  if (!['xml', 'pdf', 'both'].includes(formatRaw))
    return fail('format must be xml, pdf or both', ts, txn);
  if (!ts) return fail('ts is required', ts, txn);
  if (!txn) return fail('txn is required', ts, txn);
  // The partner's id (spec: "the user id provided to the Digital Locker application by the
  // issuer application"): its key is the only one a request is checked against.
  const orgId = attr(root, 'orgId').trim();
  if (!orgId) return fail('orgId is required', ts, txn);
  if (orgId.length > 100) return fail('orgId has at most 100 characters', ts, txn);
  let detailsEl: Element | null = null;
  for (let c = root.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1 && (c as Element).localName === 'DocDetails') detailsEl = c as Element;
  if (!detailsEl) return fail('DocDetails is required', ts, txn);
  const details: Record<string, string> = {};
  for (let c = detailsEl.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const el = c as Element;
    details[el.localName ?? el.nodeName] = (el.textContent ?? '').trim().slice(0, 2000);
  }
  return {
    ok: true,
    req: {
      root: expected,
      ver: attr(root, 'ver'),
      ts,
      txn,
      orgId,
      keyhash: attr(root, 'keyhash') || null,
      format: formatRaw as PullRequest['format'],
      details,
    },
  };
}

/** A detail by any of its names, case-insensitively (UDF1 or the configured name). */
export function detail(details: Record<string, string>, ...names: string[]): string {
  const wanted = names.map((n) => n.toLowerCase());
  for (const [k, v] of Object.entries(details)) if (wanted.includes(k.toLowerCase()) && v) return v;
  return '';
}

/**
 * The holder as the response names them: what the signed certificate XML says anyway. No phone
 * or other contact detail leaves Sanad through this API.
 */
export type PersonOut = { name: string; dob: string; gender: string };

export function pullUriResponse(o: {
  status: '0' | '1' | '9';
  ts: string;
  txn: string;
  person?: PersonOut;
  uri?: string;
  pdf?: Buffer;
  xml?: Buffer;
}): string {
  const details =
    o.status === '1' && o.uri
      ? `<DocDetails><IssuedTo><Persons><Person name="${escapeAttr(o.person?.name)}" dob="${escapeAttr(o.person?.dob)}" gender="${escapeAttr(o.person?.gender)}"/></Persons></IssuedTo><URI>${escapeAttr(o.uri)}</URI>${o.pdf ? `<DocContent>${o.pdf.toString('base64')}</DocContent>` : ''}${o.xml ? `<DataContent>${o.xml.toString('base64')}</DataContent>` : ''}</DocDetails>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<PullURIResponse xmlns:ns2="http://tempuri.org/"><ResponseStatus Status="${o.status}" ts="${escapeAttr(o.ts)}" txn="${escapeAttr(o.txn)}">${o.status}</ResponseStatus>${details}</PullURIResponse>`;
}

/** Seed 003 writes the attribute as `status` (lower case) in PullDocResponse. */
export function pullDocResponse(o: {
  status: '0' | '1' | '9';
  ts: string;
  txn: string;
  pdf?: Buffer;
  xml?: Buffer;
}): string {
  const details =
    o.status === '1'
      ? `<DocDetails>${o.pdf ? `<DocContent>${o.pdf.toString('base64')}</DocContent>` : ''}${o.xml ? `<DataContent>${o.xml.toString('base64')}</DataContent>` : ''}</DocDetails>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<PullDocResponse xmlns:ns2="http://tempuri.org/"><ResponseStatus status="${o.status}" ts="${escapeAttr(o.ts)}" txn="${escapeAttr(o.txn)}">${o.status}</ResponseStatus>${details}</PullDocResponse>`;
}
