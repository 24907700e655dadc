import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TooLargeError } from '@/lib/errors';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb, uniqueIp } from '@/tests/helpers';
import { BULK_STATUS_MAX, bulkStatus, codesFromCsv } from './bulk-status';
import { statusCheckResponse } from './bulk-status-route';
import { changeCertificateStatus, issueCertificate, reissueCertificate } from './issue';

const { db } = testDb();

async function setting() {
  const issuer = await createIssuer(db, 'Bulk Status Institute');
  const valid = await issueCertificate(db, issuer.id, skillCertificate());
  const revoked = await issueCertificate(db, issuer.id, skillCertificate());
  await changeCertificateStatus(
    db,
    { issuerOrgId: issuer.id, certificateId: revoked.id },
    { status: 'revoked', reason: 'Issued in error' },
  );
  const old = await issueCertificate(db, issuer.id, skillCertificate());
  const newer = await reissueCertificate(db, issuer.id, old, skillCertificate());
  const expired = await issueCertificate(
    db,
    issuer.id,
    skillCertificate({ expiryDate: '2020-01-01' }),
  );
  const suspended = await issueCertificate(db, issuer.id, skillCertificate());
  await changeCertificateStatus(
    db,
    { issuerOrgId: issuer.id, certificateId: suspended.id },
    { status: 'suspended', reason: 'Under review' },
  );
  return { issuer, valid, revoked, old, newer, expired, suspended };
}

function post(body: string, contentType: string, ip = uniqueIp()) {
  return new Request('http://localhost/api/v1/status', {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-sanad-client-ip': ip },
    body,
  });
}

describe('the bulk status check', () => {
  it('answers each code or URI with its live status, in the order asked', async () => {
    const s = await setting();
    const rows = await bulkStatus(db, [
      s.valid.verificationCode,
      s.revoked.verificationCode,
      s.old.verificationCode,
      s.newer.verificationCode,
      s.expired.verificationCode,
      s.suspended.verificationCode,
      s.valid.uri,
      'ZZZZ-ZZZZ-ZZZZ',
      '<script>',
      s.valid.verificationCode.toLowerCase(),
    ]);
    expect(rows.map((r) => r.status)).toEqual([
      'valid',
      'revoked',
      'superseded',
      'valid',
      'expired',
      'suspended',
      'valid',
      'not-found',
      'invalid',
      'valid',
    ]);
    expect(rows[0]).toMatchObject({
      query: s.valid.verificationCode,
      number: s.valid.number,
      uri: s.valid.uri,
      issuerCode: s.issuer.code,
    });
    // Public information only: nothing about the holder.
    expect(JSON.stringify(rows)).not.toContain(skillCertificate().recipient.name);
  });

  it(`takes ${BULK_STATUS_MAX.toLocaleString('en-IN')} codes and refuses one more`, async () => {
    const many = Array.from(
      { length: BULK_STATUS_MAX },
      (_, i) => `NONE-${String(i).padStart(8, '0')}`,
    );
    expect(await bulkStatus(db, many)).toHaveLength(BULK_STATUS_MAX);
    await expect(bulkStatus(db, [...many, 'ONE-MORE'])).rejects.toThrow(TooLargeError);
    const res = await statusCheckResponse(
      db,
      post(JSON.stringify({ codes: [...many, 'ONE-MORE1'] }), 'application/json'),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'tooLarge', message: /At most 10,000 codes/ });
  });

  it('answers a CSV with a CSV safe for spreadsheets', async () => {
    const s = await setting();
    const res = await statusCheckResponse(
      db,
      post(`code\n${s.revoked.verificationCode}\n=HYPERLINK("x")\n`, 'text/csv'),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('status-check.csv');
    const table = Papa.parse<string[]>(await res.text()).data;
    expect(table[0]).toEqual([
      'query',
      'status',
      'verification_code',
      'uri',
      'number',
      'issue_date',
      'issuer',
    ]);
    expect(table[1]!.slice(0, 2)).toEqual([s.revoked.verificationCode, 'revoked']);
    expect(table[2]!.slice(0, 2)).toEqual([`'=HYPERLINK("x")`, 'invalid']);
  });

  it('reads the code column, or the first column, with or without a header', () => {
    expect(codesFromCsv('name,code\nA,ABCD-EFGH-JKLM\n')).toEqual(['ABCD-EFGH-JKLM']);
    expect(codesFromCsv('ABCD-EFGH-JKLM\nWXYZ-EFGH-JKLM\n')).toEqual([
      'ABCD-EFGH-JKLM',
      'WXYZ-EFGH-JKLM',
    ]);
    expect(codesFromCsv('\uFEFFuri\nin.sanad.x-SKCER-1\n')).toEqual(['in.sanad.x-SKCER-1']);
  });

  it('refuses a malformed body with the reason, and an address that keeps asking', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['{"codes": "ABCD"}', 'application/json', 400, /Send \{"codes"/],
      ['not json', 'application/json', 400, /not JSON/],
      ['code\n"ABCD-EFGH\n', 'text/csv', 400, /quote is never closed/],
      ['code\n', 'text/csv', 400, /no codes/],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await statusCheckResponse(db, post(body, type));
      expect(res.status).toBe(status);
      expect((await res.json()).message).toMatch(message);
    }
    const ip = uniqueIp();
    const answers: number[] = [];
    for (let i = 0; i < 61; i++)
      answers.push(
        (
          await statusCheckResponse(
            db,
            post('{"codes":["ABCD-EFGH-JKLM"]}', 'application/json', ip),
          )
        ).status,
      );
    expect(answers.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(answers[60]).toBe(429);
  });
});
