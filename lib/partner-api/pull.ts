import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { certificates, organisations } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { getRendition } from '@/lib/credentials/renditions';
import { toDdMmYyyy } from '@/lib/credentials/xml/build-certificate-xml';
import { authenticatePartner, type AuthFailure } from './authenticate';
import {
  detail,
  parsePullRequest,
  pullDocResponse,
  pullUriResponse,
  type PullRequest,
} from './xml';

// POST /api/digilocker/pull-uri and /pull-doc (spec/digilocker.md). HTTP 400 for a malformed
// request, 401 for failed authentication (both with Status="0"); a well-formed, authenticated
// request that finds no document is answered HTTP 200 with Status="0".

export type PullAnswer = { status: number; body: string; outcome: string };

const AUTH_MESSAGES: Record<AuthFailure, string> = {
  'missing-mac': 'missing x-digilocker-hmac header or keyhash',
  'bad-mac': 'authentication failed',
  'stale-ts': 'ts is more than 5 minutes away from server time',
  'replayed-txn': 'txn was already used',
  'missing-txn': 'txn is required',
};

/** Names compare after normalising case, spaces and punctuation (spec, account linking). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s.,'’\-_]+/g, '');
}

/** DOB as sent (DD-MM-YYYY, or ISO) to ISO. */
function isoDob(input: string): string | null {
  const dmy = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(input);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(input) ? input : null;
}

async function renditions(db: Db, certificateId: string, format: PullRequest['format']) {
  const xml = await getRendition(db, certificateId, 'xml');
  const pdf = format === 'xml' ? undefined : await getRendition(db, certificateId, 'pdf');
  return { xml, pdf };
}

async function authenticate(
  db: Db,
  req: PullRequest,
  raw: Buffer,
  hmacHeader: string | null,
  endpoint: string,
) {
  return authenticatePartner(db, {
    rawBody: raw,
    hmacHeader,
    keyhash: req.keyhash,
    ts: req.ts,
    txn: req.txn,
    endpoint,
  });
}

export async function handlePull(
  db: Db,
  kind: 'uri' | 'doc',
  raw: Buffer,
  hmacHeader: string | null,
  ip: string,
): Promise<PullAnswer> {
  const root = kind === 'uri' ? 'PullURIRequest' : 'PullDocRequest';
  const respond = kind === 'uri' ? pullUriResponse : pullDocResponse;
  const parsed = parsePullRequest(raw, root);
  if (!parsed.ok)
    return {
      status: 400,
      body: respond({ status: '0', ts: parsed.ts, txn: parsed.txn }),
      outcome: `malformed: ${parsed.message}`,
    };
  const req = parsed.req;
  const auth = await authenticate(db, req, raw, hmacHeader, `pull-${kind}`);
  if (!auth.ok) {
    await recordAudit(db, {
      actorUserId: null,
      action: `digilocker.pull-${kind}`,
      outcome: 'denied',
      ip,
      detail: { reason: auth.reason, txn: req.txn },
    });
    return {
      status: 401,
      body: respond({ status: '0', ts: req.ts, txn: req.txn }),
      outcome: AUTH_MESSAGES[auth.reason],
    };
  }

  const notFound = (why: string): PullAnswer => ({
    status: 200,
    body: respond({ status: '0', ts: req.ts, txn: req.txn }),
    outcome: why,
  });

  if (kind === 'doc') {
    const uri = detail(req.details, 'URI');
    if (!uri)
      return {
        status: 400,
        body: respond({ status: '0', ts: req.ts, txn: req.txn }),
        outcome: 'malformed: URI is required',
      };
    const [row] = await db
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.uri, uri));
    if (!row) return notFound('unknown URI');
    const { xml, pdf } = await renditions(db, row.id, req.format);
    return {
      status: 200,
      body: pullDocResponse({ status: '1', ts: req.ts, txn: req.txn, xml, pdf }),
      outcome: `ok ${uri}`,
    };
  }

  // Pull URI: DocType + the issuer's search parameter (certificate number), checked against name
  // and date of birth when the partner sends them.
  const docType = detail(req.details, 'DocType').toUpperCase();
  const number = detail(req.details, 'UDF1', 'CertificateNumber', 'CertNo', 'CERT_NO', 'number');
  if (!docType || !number)
    return {
      status: 400,
      body: respond({ status: '0', ts: req.ts, txn: req.txn }),
      outcome: 'malformed: DocType and the certificate number (UDF1) are required',
    };
  const conditions = [
    eq(certificates.docType, docType),
    eq(certificates.number, number),
    eq(certificates.status, 'active'),
  ];
  if (req.orgId) conditions.push(eq(organisations.code, req.orgId));
  const rows = await db
    .select({ c: certificates })
    .from(certificates)
    .innerJoin(organisations, eq(certificates.issuerOrgId, organisations.id))
    .where(and(...conditions))

    .limit(50);
  const fullName = detail(req.details, 'FullName', 'Name');
  const dob = detail(req.details, 'DOB');
  const matches = rows.filter(
    (r) =>
      (!fullName || normaliseName(fullName) === normaliseName(r.c.recipientName)) &&
      (!dob || (isoDob(dob) !== null && isoDob(dob) === r.c.recipientDob)),
  );
  if (matches.length !== 1)
    return notFound(
      matches.length === 0 ? 'no matching certificate' : 'ambiguous: several issuers; send orgId',
    );
  const c = matches[0]!.c;
  const { xml, pdf } = await renditions(db, c.id, req.format);
  return {
    status: 200,
    body: pullUriResponse({
      status: '1',
      ts: req.ts,
      txn: req.txn,
      uri: c.uri,
      person: {
        name: c.recipientName,
        dob: toDdMmYyyy(c.recipientDob),
        gender: c.recipientGender ?? '',
        phone: c.recipientMobile ?? '',
      },
      xml,
      pdf,
    }),
    outcome: `ok ${c.uri}`,
  };
}
