import { createHash, createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { issueCertificate } from '@/lib/credentials/issue';
import { issuerCertificatesByCode } from '@/lib/credentials/issuer-directory';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { verifyCertificateXml } from '@/lib/credentials/xml/verify-xml-signature';
import { createPartner, revokePartner } from './partners';
import { handlePull } from './pull';

const { db, sql: pool } = testDb();
let partner: { id: string; apiKey: string };
let issuer: { id: string; code: string };
let cert: Awaited<ReturnType<typeof issueCertificate>>;

beforeAll(async () => {
  issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
  cert = await issueCertificate(db, issuer.id, skillCertificate());
  partner = await createPartner(db, 'DigiLocker test');
});
afterAll(() => pool.end());

const now = () => new Date().toISOString().replace('Z', '+00:00');
const mac = (body: string, key = partner.apiKey) =>
  createHmac('sha256', key).update(body).digest('base64');

function pullUri(
  o: {
    txn?: string;
    ts?: string;
    format?: string;
    number?: string;
    name?: string;
    dob?: string;
    ns?: boolean;
    orgId?: string;
  } = {},
) {
  const ns = o.ns === false ? '' : ' xmlns="http://tempuri.org/"';
  return `<?xml version="1.0" encoding="utf-8"?><PullURIRequest${ns} ver="1.0" ts="${o.ts ?? now()}" txn="${o.txn ?? randomUUID()}" orgId="${o.orgId ?? issuer.code}" format="${o.format ?? 'xml'}"><DocDetails><DocType>SKCER</DocType><DigiLockerId>${randomUUID()}</DigiLockerId><UID>123412341234</UID><FullName>${o.name ?? 'आशा शर्मा'}</FullName><DOB>${o.dob ?? '14-05-2001'}</DOB><UDF1>${o.number ?? cert.number}</UDF1></DocDetails></PullURIRequest>`;
}

async function call(kind: 'uri' | 'doc', body: string, header: string | null = mac(body)) {
  return handlePull(db, kind, Buffer.from(body), header, '127.0.0.1');
}

function b64(tag: string, xml: string): Buffer | null {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? Buffer.from(m[1]!, 'base64') : null;
}

describe('DigiLocker Pull URI', () => {
  it('finds the certificate by DocType + number + name + DOB and returns signed XML', async () => {
    const r = await call('uri', pullUri());
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<ResponseStatus Status="1" ts="[^"]+" txn="[^"]+">1<\/ResponseStatus>/);
    expect(r.body).toContain(`<URI>${cert.uri}</URI>`);
    expect(r.body).toContain('<Person name="आशा शर्मा" dob="14-05-2001" gender="F"');
    expect(b64('DocContent', r.body)).toBeNull();
    const xml = b64('DataContent', r.body)!;
    expect((await verifyCertificateXml(xml, (c) => issuerCertificatesByCode(db, c))).valid).toBe(
      true,
    );
  });

  it('format both carries the PDF too; no namespace is fine', async () => {
    const r = await call('uri', pullUri({ format: 'both', ns: false }));
    expect(b64('DocContent', r.body)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b64('DataContent', r.body)).not.toBeNull();
  });

  it('accepts the HMAC as base64 of the hex digest, and the legacy keyhash in hex or base64', async () => {
    const body = pullUri();
    const hexMac = Buffer.from(
      createHmac('sha256', partner.apiKey).update(body).digest('hex'),
    ).toString('base64');
    expect((await call('uri', body, hexMac)).status).toBe(200);
    for (const enc of ['hex', 'base64'] as const) {
      const ts = now();
      const keyhash = createHash('sha256')
        .update(partner.apiKey + ts)
        .digest(enc);
      const withKeyhash = pullUri({ ts }).replace('format=', `keyhash="${keyhash}" format=`);
      const r = await call('uri', withKeyhash, null);
      expect(r.status, enc).toBe(200);
      expect(r.body).toContain('Status="1"');
    }
  });

  it('refuses a wrong MAC, a missing MAC, a stale ts and a replayed txn with 401 and Status 0', async () => {
    const body = pullUri();
    for (const header of [mac(body, 'not-the-key'), mac(body + ' '), null]) {
      const r = await call('uri', body, header);
      expect(r.status).toBe(401);
      expect(r.body).toContain('Status="0"');
    }
    const stale = pullUri({ ts: new Date(Date.now() - 6 * 60_000).toISOString() });
    expect((await call('uri', stale)).status).toBe(401);
    const once = pullUri({ txn: 'txn-replay-1' });
    expect((await call('uri', once)).status).toBe(200);
    const again = await call('uri', once);
    expect(again.status).toBe(401);
    expect(again.outcome).toBe('txn was already used');
  });

  it('refuses a revoked partner', async () => {
    const gone = await createPartner(db, 'Former partner');
    await revokePartner(db, gone.id);
    const body = pullUri();
    expect((await call('uri', body, mac(body, gone.apiKey))).status).toBe(401);
  });

  it('answers Status 0 when nothing matches (wrong DOB, wrong name, unknown number)', async () => {
    for (const o of [{ dob: '01-01-1990' }, { name: 'Somebody Else' }, { number: 'NOPE-1' }]) {
      const r = await call('uri', pullUri(o));
      expect(r.status).toBe(200);
      expect(r.body).toContain('Status="0"');
      expect(r.body).not.toContain('DataContent');
    }
  });

  it('refuses malformed requests quickly and safely', async () => {
    const bad = [
      '',
      'not xml',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><PullURIRequest ts="x" txn="y"><DocDetails/></PullURIRequest>',
      `<PullDocRequest ts="${now()}" txn="1"><DocDetails/></PullDocRequest>`,
      `<PullURIRequest ts="${now()}" txn="1" format="exe"><DocDetails/></PullURIRequest>`,
      `<PullURIRequest ts="${now()}" txn="1"/>`,
      `<PullURIRequest ts="${now()}" txn="1"><DocDetails>${'<x>'.repeat(30000)}</DocDetails></PullURIRequest>`,
    ];
    for (const body of bad) {
      const r = await call('uri', body);
      expect(r.status, body.slice(0, 60)).toBe(400);
      expect(r.body).toContain('Status="0"');
    }
  });
});

describe('DigiLocker Pull Doc', () => {
  const pullDoc = (uri: string, format = 'both') =>
    `<PullDocRequest xmlns="http://tempuri.org/" ver="1.0" ts="${now()}" txn="${randomUUID()}" orgId="${issuer.code}" format="${format}"><DocDetails><URI>${uri}</URI><DigiLockerId>${randomUUID()}</DigiLockerId></DocDetails></PullDocRequest>`;

  it('returns PDF and signed XML for a URI, with status written as seed 003 shows', async () => {
    const r = await call('doc', pullDoc(cert.uri));
    expect(r.status).toBe(200);
    expect(r.body).toMatch(
      /<PullDocResponse xmlns:ns2="http:\/\/tempuri.org\/"><ResponseStatus status="1" ts="[^"]+" txn="[^"]+">1<\/ResponseStatus><DocDetails><DocContent>/,
    );
    expect(b64('DocContent', r.body)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b64('DataContent', r.body)!.toString()).toContain(cert.uri);
  });

  it('an unknown URI is Status 0; a wrong MAC is 401', async () => {
    const unknown = await call('doc', pullDoc(`${issuer.code}-SKCER-NOSUCHDOC1`));
    expect(unknown.status).toBe(200);
    expect(unknown.body).toContain('status="0"');
    const body = pullDoc(cert.uri);
    expect((await call('doc', body, mac(body, 'wrong'))).status).toBe(401);
  });
});
