import 'server-only';
import type { Db } from '@/db/client';
import { getRendition } from '@/lib/credentials/renditions';
import { toDdMmYyyy } from '@/lib/credentials/xml/build-certificate-xml';
import { readDocument } from '@/lib/locker/access';
import { addressBlocked, partnerIdOfOrg, recordAuthFailure } from './auth-failures';
import { authenticatePartner, type AuthFailure } from './authenticate';
import { findByHolder, findByUri } from './find-certificate';
import {
  detail,
  parsePullRequest,
  pullDocResponse,
  pullUriResponse,
  type PullRequest,
} from './xml';

// POST /api/digilocker/pull-uri and /pull-doc (spec/digilocker.md). HTTP 400 for a malformed
// request, 401 for failed authentication, 429 once failures reach their limit (all with
// Status="0"); a well-formed, authenticated request that finds no document is answered HTTP 200
// with Status="0".

export type PullAnswer = {
  status: number;
  body: string;
  outcome: string;
  retryAfterSeconds?: number;
};

// An unknown orgId, a revoked partner and a wrong key get the same words: none of them tells a
// caller more than the others.
const AUTH_MESSAGES: Record<AuthFailure, string> = {
  'missing-mac': 'missing x-digilocker-hmac header or keyhash',
  'unknown-org': 'authentication failed',
  'revoked-partner': 'authentication failed',
  'bad-mac': 'authentication failed',
  'keyhash-not-allowed':
    'keyhash is not enabled for this partner: sign the body with the x-digilocker-hmac header',
  'stale-ts': 'ts is too far from server time (5 minutes with x-digilocker-hmac, 2 with keyhash)',
  'replayed-txn': 'txn was already used',
  'missing-txn': 'txn is required',
};

const RATE_LIMITED = 'too many failed authentications; try again in 10 minutes';

/** The renditions of a found certificate, read through the access decision (which logs it). */
async function renditions(
  db: Db,
  read: { certificateId: string; partnerId: string; ip: string },
  format: PullRequest['format'],
) {
  await readDocument(db, {
    reader: { kind: 'partner', partnerId: read.partnerId },
    target: { certificateId: read.certificateId },
    action: format,
    ip: read.ip,
  });
  const certificateId = read.certificateId;
  const xml = await getRendition(db, certificateId, 'xml');
  const pdf = format === 'xml' ? undefined : await getRendition(db, certificateId, 'pdf');
  return { xml, pdf };
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
  const refuse = (status: number, outcome: string): PullAnswer => ({
    status,
    body: respond({ status: '0', ts: req.ts, txn: req.txn }),
    outcome,
    ...(status === 429 ? { retryAfterSeconds: 600 } : {}),
  });
  const failure = {
    orgId: req.orgId,
    ip,
    endpoint: `pull-${kind}`,
    txn: req.txn,
  };

  // An address that has used up its failures is refused before any key is unsealed.
  if (await addressBlocked(db, ip)) {
    const partnerId = await partnerIdOfOrg(db, req.orgId);
    await recordAuthFailure(db, { ...failure, partnerId, reason: 'rate-limited' });
    return refuse(429, RATE_LIMITED);
  }
  const auth = await authenticatePartner(db, {
    rawBody: raw,
    hmacHeader,
    keyhash: req.keyhash,
    orgId: req.orgId,
    ts: req.ts,
    txn: req.txn,
    endpoint: `pull-${kind}`,
  });
  if (!auth.ok) {
    const limited = await recordAuthFailure(db, {
      ...failure,
      partnerId: auth.partnerId,
      reason: auth.reason,
    });
    return limited ? refuse(429, RATE_LIMITED) : refuse(401, AUTH_MESSAGES[auth.reason]);
  }

  if (kind === 'doc') {
    const uri = detail(req.details, 'URI');
    if (!uri) return refuse(400, 'malformed: URI is required');
    const found = await findByUri(db, uri);
    if (!found) return refuse(200, 'unknown URI');
    const { xml, pdf } = await renditions(
      db,
      { certificateId: found.id, partnerId: auth.partnerId, ip },
      req.format,
    );
    return {
      status: 200,
      body: pullDocResponse({ status: '1', ts: req.ts, txn: req.txn, xml, pdf }),
      outcome: `ok ${uri}`,
    };
  }

  // Pull URI: DocType + the issuer's search parameter (certificate number), and the holder's
  // identity as DigiLocker sends it (UID, FullName, DOB).
  const docType = detail(req.details, 'DocType').toUpperCase();
  const number = detail(req.details, 'UDF1', 'CertificateNumber', 'CertNo', 'CERT_NO', 'number');
  if (!docType || !number)
    return refuse(400, 'malformed: DocType and the certificate number (UDF1) are required');
  const found = await findByHolder(db, {
    docType,
    number,
    fullName: detail(req.details, 'FullName', 'Name'),
    dob: detail(req.details, 'DOB'),
    uid: detail(req.details, 'UID'),
  });
  // A holder who does not match gets the same answer as an unknown number.
  if (found === 'none') return refuse(200, 'no matching certificate');
  if (found === 'ambiguous') return refuse(200, 'ambiguous: the same number at several issuers');
  const { xml, pdf } = await renditions(
    db,
    { certificateId: found.id, partnerId: auth.partnerId, ip },
    req.format,
  );
  return {
    status: 200,
    body: pullUriResponse({
      status: '1',
      ts: req.ts,
      txn: req.txn,
      uri: found.uri,
      person: {
        name: found.recipientName,
        dob: toDdMmYyyy(found.recipientDob),
        gender: found.recipientGender ?? '',
      },
      xml,
      pdf,
    }),
    outcome: `ok ${found.uri}`,
  };
}
