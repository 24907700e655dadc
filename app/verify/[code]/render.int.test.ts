import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { changeCertificateStatus, issueCertificate } from '@/lib/credentials/issue';
import { flushVerificationEvents } from '@/lib/telemetry/verification-events';
import { createIssuer, skillCertificate } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { renderVerifyPage } from './render';

const { db, sql } = testDb();
const CSS = ['/_next/static/chunks/site.css'];
let issuer: { id: string; code: string; name: string };

beforeAll(async () => {
  issuer = await createIssuer(db);
  await ensureIssuerKeys(db, issuer.id);
});
afterAll(async () => {
  await flushVerificationEvents();
  await sql.end();
});

const page = (segment: string, cookie?: string) =>
  renderVerifyPage({ segment, via: null, cookie }, CSS);

describe('/verify/{code} as the web server renders it', () => {
  it('shows the live status on every request: a revocation shows at the next scan', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    const before = await page(cert.verificationCode);
    expect(before.status).toBe(200);
    expect(before.html).toContain('data-status="valid"');
    expect(before.html).toContain('Valid certificate');

    await changeCertificateStatus(
      db,
      { issuerOrgId: issuer.id, certificateId: cert.id },
      { status: 'revoked', reason: 'Assessment not completed' },
    );
    const after = await page(cert.verificationCode);
    expect(after.html).toContain('data-status="revoked"');
    expect(after.html).toContain('Assessment not completed');
  });

  it('is a whole page in Sanad’s frame and stylesheet, with no script', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    const { html } = await page(cert.verificationCode);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/site.css"/>');
    expect(html).toContain('class="site-header"');
    expect(html).toContain('<a href="/sign-in" class="sign-in-link">Sign in</a>');
    expect(html).toContain('action="/api/locale" method="post"');
    expect(html).not.toContain('<script');
  });

  it('answers in Hindi for the language cookie, and offers a signed-in visitor their areas', async () => {
    const cert = await issueCertificate(db, issuer.id, skillCertificate());
    const { html } = await page(
      cert.verificationCode,
      'NEXT_LOCALE=hi; next-auth.session-token=abc',
    );
    expect(html).toMatch(/^<!DOCTYPE html><html lang="hi">/);
    expect(html).toContain('मान्य प्रमाणपत्र');
    expect(html).toContain('आपके क्षेत्र');
  });

  it('answers 404 "not found" for an unknown, a malformed or a badly encoded code', async () => {
    for (const segment of ['ZZZZ-ZZZZ-ZZZZ', '%3Cscript%3E', '%E0%A4']) {
      const { status, html } = await page(segment);
      expect(status).toBe(404);
      expect(html).toContain('data-status="not-found"');
      expect(html).toContain('Certificate not found');
    }
  });
});
