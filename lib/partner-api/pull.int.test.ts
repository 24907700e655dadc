import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificates, recordRows, users } from '@/db/schema';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb, uniqueIp, uniqueMobile } from '@/tests/helpers';
import { hmacOf, isoNow, pullDocBody, pullUriBody } from '@/tests/partner-requests';
import { issueCertificate } from '@/lib/credentials/issue';
import { issuerCertificatesByCode } from '@/lib/credentials/issuer-directory';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { verifyCertificateXml } from '@/lib/credentials/xml/verify-xml-signature';
import { vaultAadhaarNumbers } from '@/lib/vault/aadhaar';
import { createPartner, revokePartner } from './partners';
import { handlePull } from './pull';

const { db, sql: pool } = testDb();
let partner: { id: string; orgId: string; apiKey: string };
let issuer: { id: string; code: string };
let cert: Awaited<ReturnType<typeof issueCertificate>>;

// Numbers of their own: other test files share the database, and an Aadhaar number belongs to one
// account.
const aadhaar = () => `${randomInt(2, 10)}${String(randomInt(0, 1e11)).padStart(11, '0')}`;
const AADHAAR = aadhaar();
const OTHER_AADHAAR = aadhaar();

beforeAll(async () => {
  issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
  cert = await issueCertificate(db, issuer.id, skillCertificate());
  partner = await createPartner(db, 'DigiLocker test');
});
afterAll(() => pool.end());

type UriOptions = Partial<Parameters<typeof pullUriBody>[0]>;
/** Aasha's certificate asked for by number, name and date of birth unless told otherwise. */
const pullUri = (o: UriOptions = {}) =>
  pullUriBody({
    orgId: partner.orgId,
    number: cert.number,
    name: 'आशा शर्मा',
    dob: '14-05-2001',
    ...o,
  });

async function call(
  kind: 'uri' | 'doc',
  body: string,
  header: string | null = hmacOf(body, partner.apiKey),
) {
  return handlePull(db, kind, Buffer.from(body), header, uniqueIp());
}

function b64(tag: string, xml: string): Buffer | null {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? Buffer.from(m[1]!, 'base64') : null;
}

const elements = (el: Element) =>
  Array.from({ length: el.childNodes.length }, (_, i) => el.childNodes.item(i)!).filter(
    (n): n is Element => n.nodeType === 1,
  );
const attributeNames = (el: Element) =>
  Array.from({ length: el.attributes.length }, (_, i) => el.attributes.item(i)!.name).sort();

/** A certificate of its own, tied to an Aadhaar number through the holder's account. */
async function certificateOfAccountWithAadhaar(aadhaar: string) {
  const vault = await vaultAadhaarNumbers(db, [aadhaar]);
  const [holder] = await db
    .insert(users)
    .values({ name: 'Aadhaar Holder', mobile: uniqueMobile(), aadhaarVaultId: vault.get(aadhaar)! })
    .returning();
  return issueCertificate(
    db,
    issuer.id,
    skillCertificate({
      recipient: {
        name: 'Aadhaar Holder',
        dob: '1999-01-02',
        gender: 'M',
        lockerUserId: holder!.id,
      },
    }),
  );
}

describe('DigiLocker Pull URI', () => {
  it('finds the certificate by DocType + number + name + DOB and returns signed XML', async () => {
    const r = await call('uri', pullUri());
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<ResponseStatus Status="1" ts="[^"]+" txn="[^"]+">1<\/ResponseStatus>/);
    expect(r.body).toContain(`<URI>${cert.uri}</URI>`);
    expect(r.body).toContain('<Person name="आशा शर्मा" dob="14-05-2001" gender="F"/>');
    expect(b64('DocContent', r.body)).toBeNull();
    const xml = b64('DataContent', r.body)!;
    expect((await verifyCertificateXml(xml, (c) => issuerCertificatesByCode(db, c))).valid).toBe(
      true,
    );
  });

  it('answers in the shape the spec gives, with no phone or other contact detail', async () => {
    for (const format of ['xml', 'both'] as const) {
      const r = await call('uri', pullUri({ format }));
      const root = new DOMParser().parseFromString(r.body, 'text/xml').documentElement!;
      expect(root.tagName).toBe('PullURIResponse');
      expect(root.getAttribute('xmlns:ns2')).toBe('http://tempuri.org/');
      const [status, details, ...rest] = elements(root);
      expect(rest).toEqual([]);
      expect(status!.tagName).toBe('ResponseStatus');
      expect(attributeNames(status!)).toEqual(['Status', 'ts', 'txn']);
      expect(elements(details!).map((e) => e.tagName)).toEqual(
        format === 'xml'
          ? ['IssuedTo', 'URI', 'DataContent']
          : ['IssuedTo', 'URI', 'DocContent', 'DataContent'],
      );
      const persons = elements(elements(details!)[0]!);
      expect(persons.map((e) => e.tagName)).toEqual(['Persons']);
      const people = elements(persons[0]!);
      expect(people.map((e) => e.tagName)).toEqual(['Person']);
      expect(attributeNames(people[0]!)).toEqual(['dob', 'gender', 'name']);
      expect(r.body).not.toMatch(/phone|9876543210|email/i);
    }
  });

  it('format both carries the PDF too; no namespace is fine', async () => {
    const r = await call('uri', pullUri({ format: 'both', ns: false }));
    expect(b64('DocContent', r.body)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b64('DataContent', r.body)).not.toBeNull();
  });

  it('refuses a request that does not identify the holder, exactly as an unknown number', async () => {
    const unknown = await call('uri', pullUri({ number: 'NOPE-1' }));
    expect(unknown.status).toBe(200);
    expect(unknown.outcome).toBe('no matching certificate');
    const answerOf = (body: string) => body.replace(/ ts="[^"]*" txn="[^"]*"/, '');
    for (const o of [
      { name: null, dob: null }, // the number alone
      { dob: null }, // a name alone
      { name: null }, // a date of birth alone
      { dob: '01-01-1990' },
      { name: 'Somebody Else' },
      { dob: 'not a date' },
      { uid: '123412341234', name: null, dob: null }, // a UID that is no Aadhaar on the record
    ] satisfies UriOptions[]) {
      const r = await call('uri', pullUri(o));
      expect(r.status, JSON.stringify(o)).toBe(200);
      expect(r.outcome, JSON.stringify(o)).toBe(unknown.outcome);
      expect(answerOf(r.body), JSON.stringify(o)).toBe(answerOf(unknown.body));
      expect(r.body).not.toContain('DataContent');
    }
  });

  it('matches the UID through the Aadhaar vault: the holder’s account or the award row', async () => {
    const byAccount = await certificateOfAccountWithAadhaar(AADHAAR);
    const only = (uid: string) => pullUri({ number: byAccount.number, uid, name: null, dob: null });
    const found = await call('uri', only(AADHAAR));
    expect(found.outcome).toBe(`ok ${byAccount.uri}`);
    expect(found.body).toContain('<Person name="Aadhaar Holder" dob="02-01-1999" gender="M"/>');
    expect((await call('uri', only(OTHER_AADHAAR))).outcome).toBe('no matching certificate');
    // A carried UID that disagrees is refused even when the name and date of birth agree.
    const wrongUid = pullUri({
      number: byAccount.number,
      uid: OTHER_AADHAAR,
      name: 'Aadhaar Holder',
      dob: '02-01-1999',
    });
    expect((await call('uri', wrongUid)).outcome).toBe('no matching certificate');
    // So does a name that disagrees with a matching UID.
    const wrongName = pullUri({
      number: byAccount.number,
      uid: AADHAAR,
      name: 'Someone',
      dob: null,
    });
    expect((await call('uri', wrongName)).outcome).toBe('no matching certificate');

    const byRow = await issueCertificate(db, issuer.id, skillCertificate());
    const vault = await vaultAadhaarNumbers(db, [OTHER_AADHAAR]);
    const uploadId = randomUUID();
    await db.insert(recordRows).values({
      uploadId,
      rowNo: 2,
      operation: 'ADD',
      certNo: byRow.number,
      outcome: 'accepted',
      errors: [],
      fields: {},
      aadhaarVaultId: vault.get(OTHER_AADHAAR)!,
    });
    await db
      .update(certificates)
      .set({ sourceUploadId: uploadId, sourceRowNo: 2 })
      .where(eq(certificates.id, byRow.id));
    const viaRow = pullUri({ number: byRow.number, uid: OTHER_AADHAAR, name: null, dob: null });
    expect((await call('uri', viaRow)).outcome).toBe(`ok ${byRow.uri}`);
    const notRow = pullUri({ number: byRow.number, uid: AADHAAR, name: null, dob: null });
    expect((await call('uri', notRow)).outcome).toBe('no matching certificate');
  });

  it('cannot match the MD5 form of a UID, so name and date of birth must then agree', async () => {
    const md5 = randomBytes(16).toString('hex');
    expect((await call('uri', pullUri({ uid: md5 }))).outcome).toBe(`ok ${cert.uri}`);
    const alone = pullUri({ uid: md5, name: null, dob: null });
    expect((await call('uri', alone)).outcome).toBe('no matching certificate');
  });

  it('says so when the same holder has the same number at two issuers', async () => {
    const mine = await issueCertificate(db, issuer.id, skillCertificate());
    const other = await createIssuer(db);
    await ensureIssuerKeys(db, other.id);
    await issueCertificate(db, other.id, skillCertificate({ number: mine.number }));
    const r = await call('uri', pullUri({ number: mine.number }));
    expect(r.body).toContain('Status="0"');
    expect(r.outcome).toBe('ambiguous: the same number at several issuers');
  });

  it('accepts the HMAC as base64 of the hex digest', async () => {
    const body = pullUri({ number: 'ANY-NUMBER' });
    const hexMac = Buffer.from(
      createHmac('sha256', partner.apiKey).update(body).digest('hex'),
    ).toString('base64');
    expect((await call('uri', body, hexMac)).status).toBe(200);
  });

  it('refuses a wrong MAC, a missing MAC, a stale ts and a replayed txn with 401 and Status 0', async () => {
    const body = pullUri();
    for (const header of [hmacOf(body, 'not-the-key'), hmacOf(body + ' ', partner.apiKey), null]) {
      const r = await call('uri', body, header);
      expect(r.status).toBe(401);
      expect(r.body).toContain('Status="0"');
    }
    const stale = pullUri({ ts: new Date(Date.now() - 6 * 60_000).toISOString() });
    expect((await call('uri', stale)).status).toBe(401);
    const once = pullUri({ txn: `txn-replay-${randomUUID()}` });
    expect((await call('uri', once)).status).toBe(200);
    const again = await call('uri', once);
    expect(again.status).toBe(401);
    expect(again.outcome).toBe('txn was already used');
  });

  it('refuses a revoked partner', async () => {
    const gone = await createPartner(db, 'Former partner');
    await revokePartner(db, gone.id);
    const body = pullUri({ orgId: gone.orgId });
    const r = await call('uri', body, hmacOf(body, gone.apiKey));
    expect(r.status).toBe(401);
    expect(r.outcome).toBe('authentication failed');
  });

  it('refuses malformed requests quickly and safely', async () => {
    const bad = [
      '',
      'not xml',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><PullURIRequest ts="x" txn="y"><DocDetails/></PullURIRequest>',
      `<PullDocRequest ts="${isoNow()}" txn="1" orgId="${partner.orgId}"><DocDetails/></PullDocRequest>`,
      `<PullURIRequest ts="${isoNow()}" txn="1" orgId="${partner.orgId}" format="exe"><DocDetails/></PullURIRequest>`,
      `<PullURIRequest ts="${isoNow()}" txn="1" orgId="${partner.orgId}"/>`,
      `<PullURIRequest ts="${isoNow()}" txn="1" orgId="${partner.orgId}"><DocDetails>${'<x>'.repeat(30000)}</DocDetails></PullURIRequest>`,
      `<PullURIRequest ts="${isoNow()}" txn="1"><DocDetails/></PullURIRequest>`,
    ];
    for (const body of bad) {
      const r = await call('uri', body);
      expect(r.status, body.slice(0, 60)).toBe(400);
      expect(r.body).toContain('Status="0"');
    }
    const noOrg = await call('uri', pullUri().replace(/ orgId="[^"]*"/, ''));
    expect(noOrg.outcome).toBe('malformed: orgId is required');
  });
});

describe('DigiLocker Pull Doc', () => {
  const pullDoc = (uri: string, format = 'both') =>
    pullDocBody({ orgId: partner.orgId, uri, format });

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
    expect((await call('doc', body, hmacOf(body, 'wrong'))).status).toBe(401);
  });
});
