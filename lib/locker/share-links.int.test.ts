import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as openFile } from '@/app/s/[token]/file/route';
import { GET as openPdf } from '@/app/s/[token]/pdf/route';
import { GET as openPage } from '@/app/s/[token]/route';
import { accessLog, auditLog, lockerFiles, shareLinks } from '@/db/schema';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { changeCertificateStatus, issueCertificate } from '@/lib/credentials/issue';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { parseInput } from '@/lib/http/action';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { createIssuer, createPerson, skillCertificate } from '@/tests/fixtures';
import { testDb, uniqueIp } from '@/tests/helpers';
import {
  createShareLink,
  hashShareToken,
  listShareLinks,
  revokeShareLink,
  ZCreateShareLinkInput,
} from './share-links';

const { db, sql } = testDb();
let issuer: { id: string; code: string; name: string };

beforeAll(async () => {
  issuer = await createIssuer(db, 'Share Test Institute');
  await ensureIssuerKeys(db, issuer.id);
});
afterAll(async () => {
  await sql.end();
});

async function holderWithCertificate() {
  const holder = await createPerson(db);
  const cert = await issueCertificate(
    db,
    issuer.id,
    skillCertificate({ recipient: { ...skillCertificate().recipient, lockerUserId: holder.id } }),
  );
  return { holder, cert };
}

const input = (target: string, hours = 24, purpose?: string) =>
  parseInput(ZCreateShareLinkInput, { target, hours, purpose });

function get(path: string, headers: Record<string, string> = {}) {
  return new Request(`https://sanad.test${path}`, {
    headers: { [CLIENT_IP_HEADER]: uniqueIp(), ...headers },
  });
}
const params = (token: string) => ({ params: Promise.resolve({ token }) });

describe('share links', () => {
  it('are created, listed newest first with their state and opens, and revoked', async () => {
    const { holder, cert } = await holderWithCertificate();
    const ctx = { actorUserId: holder.id, ip: '203.0.113.5' };
    const first = await createShareLink(db, ctx, input(`certificate:${cert.id}`, 1));
    const second = await createShareLink(db, ctx, input(`certificate:${cert.id}`, 720, 'Job'));
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.url).toBe(`https://sanad.test/s/${second.token}`);
    const [stored] = await db.select().from(shareLinks).where(eq(shareLinks.id, first.id));
    // Only the token's hash is kept.
    expect(stored!.tokenHash).toBe(hashShareToken(first.token));
    expect(JSON.stringify(stored)).not.toContain(first.token);
    expect(second.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);

    await openPage(get(`/s/${second.token}`), params(second.token));
    await revokeShareLink(db, ctx, first.id);
    const { rows, total } = await listShareLinks(db, { userId: holder.id });
    expect(total).toBe(2);
    expect(rows.map((r) => [r.id, r.state, r.opens, r.purpose])).toEqual([
      [second.id, 'active', 1, 'Job'],
      [first.id, 'revoked', 0, null],
    ]);
    expect(rows[0]!.label).toContain(cert.number);
    const audits = await db
      .select({ action: auditLog.action, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.objectId, first.id));
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'share.create', outcome: 'ok' },
        { action: 'share.revoke', outcome: 'ok' },
      ]),
    );
  });

  it("refuses a link to someone else's document as not found, storing no link", async () => {
    const { cert } = await holderWithCertificate();
    const stranger = await createPerson(db);
    const attempt = createShareLink(
      db,
      { actorUserId: stranger.id },
      input(`certificate:${cert.id}`),
    );
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    const links = await db.select().from(shareLinks).where(eq(shareLinks.certificateId, cert.id));
    expect(links).toEqual([]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, stranger.id), eq(auditLog.action, 'share.create')));
    expect(audit).toMatchObject({ outcome: 'denied', detail: { reason: 'not-holder' } });
  });

  it("lets nobody revoke another's link", async () => {
    const { holder, cert } = await holderWithCertificate();
    const stranger = await createPerson(db);
    const link = await createShareLink(
      db,
      { actorUserId: holder.id },
      input(`certificate:${cert.id}`),
    );
    await expect(revokeShareLink(db, { actorUserId: stranger.id }, link.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, link.id));
    expect(row!.revokedAt).toBeNull();
  });

  it('refuses a duration outside 1 hour to 30 days, and a malformed document', () => {
    for (const hours of [0, -1, 721, 24 * 365, 1.5]) {
      try {
        input('certificate:00000000-0000-4000-8000-000000000001', hours);
        expect.unreachable(`${hours} hours was accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidError);
        expect((e as InvalidError).fieldErrors).toEqual({ hours: 'shareDuration' });
      }
    }
    expect(() => input('certificate:../../etc')).toThrow(InvalidError);
    expect(input('file:00000000-0000-4000-8000-000000000001', 1).hours).toBe(1);
  });
});

describe('/s/{token}, opened signed out', () => {
  it('shows the certificate with its live status and logs the open with the link and purpose', async () => {
    const { holder, cert } = await holderWithCertificate();
    const link = await createShareLink(
      db,
      { actorUserId: holder.id },
      input(`certificate:${cert.id}`, 168, 'Job application'),
    );
    const res = await openPage(
      get(`/s/${link.token}`, { [CLIENT_IP_HEADER]: '198.51.100.7' }),
      params(link.token),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('data-status="valid"');
    expect(html).toContain(cert.number);
    expect(html).toContain('Purpose: Job application');
    expect(html).toContain(`href="/s/${link.token}/pdf"`);
    expect(html).toContain(`href="/verify/${cert.verificationCode}"`);
    expect(html).not.toContain('<script');
    const entries = await db.select().from(accessLog).where(eq(accessLog.shareLinkId, link.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      ownerUserId: holder.id,
      certificateId: cert.id,
      actorKind: 'share_link',
      actorUserId: null,
      purpose: 'Job application',
      action: 'view',
      outcome: 'allowed',
      ip: '198.51.100.7',
    });

    const pdf = await openPdf(get(`/s/${link.token}/pdf`), params(link.token));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const actions = await db
      .select({ action: accessLog.action })
      .from(accessLog)
      .where(eq(accessLog.shareLinkId, link.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['pdf', 'view']);
  });

  it('shows a revoked certificate as revoked through its link', async () => {
    const { holder, cert } = await holderWithCertificate();
    const link = await createShareLink(
      db,
      { actorUserId: holder.id },
      input(`certificate:${cert.id}`),
    );
    await changeCertificateStatus(
      db,
      { issuerOrgId: issuer.id, certificateId: cert.id },
      { status: 'revoked', reason: 'Issued in error' },
    );
    const res = await openPage(get(`/s/${link.token}`), params(link.token));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-status="revoked"');
    expect(html).toContain('Issued in error');
  });

  it('answers 410 with a plain page for a revoked and for an expired link, in Hindi when asked', async () => {
    const { holder, cert } = await holderWithCertificate();
    const ctx = { actorUserId: holder.id };
    const revoked = await createShareLink(db, ctx, input(`certificate:${cert.id}`));
    await revokeShareLink(db, ctx, revoked.id);
    const expired = await createShareLink(
      db,
      ctx,
      input(`certificate:${cert.id}`, 1),
      new Date(Date.now() - 2 * 3_600_000),
    );
    const gone = await openPage(get(`/s/${revoked.token}`), params(revoked.token));
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain('data-testid="share-gone"');
    expect(html).toContain('This link no longer works');
    expect(html).not.toContain(cert.number);
    expect(html).not.toContain('<script');

    const hindi = await openPage(
      get(`/s/${expired.token}`, { 'accept-language': 'hi-IN,hi;q=0.9' }),
      params(expired.token),
    );
    expect(hindi.status).toBe(410);
    expect(await hindi.text()).toContain('यह लिंक अब काम नहीं करता');
    const pdf = await openPdf(get(`/s/${expired.token}/pdf`), params(expired.token));
    expect(pdf.status).toBe(410);

    const refused = await db
      .select({ reason: accessLog.reason, outcome: accessLog.outcome })
      .from(accessLog)
      .where(eq(accessLog.certificateId, cert.id));
    expect(refused).toEqual(
      expect.arrayContaining([
        { reason: 'link-revoked', outcome: 'refused' },
        { reason: 'link-expired', outcome: 'refused' },
      ]),
    );
  });

  it('answers 404 for an unknown or malformed token, and 429 to an address that keeps guessing', async () => {
    const ip = uniqueIp();
    for (const token of ['A'.repeat(43), 'short', '%3Cscript%3E']) {
      const res = await openPage(get(`/s/${token}`, { [CLIENT_IP_HEADER]: ip }), params(token));
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Link not found');
    }
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const token = `B${String(i).padStart(42, '0')}`;
      const res = await openPage(get(`/s/${token}`, { [CLIENT_IP_HEADER]: ip }), params(token));
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 27).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(27)).toEqual([429, 429, 429]);
  });

  it('offers a shared uploaded file only as a sandboxed download', async () => {
    const holder = await createPerson(db);
    const { storeStream } = await import('@/lib/storage');
    const { Readable } = await import('node:stream');
    const content = Buffer.from('%PDF-1.4\n%%EOF\n');
    const stored = await storeStream(Readable.from([content]), {
      prefix: `locker/${holder.id}`,
      ext: '.pdf',
      maxBytes: 1024,
    });
    const [file] = await db
      .insert(lockerFiles)
      .values({
        userId: holder.id,
        name: 'marksheet <2024>.pdf',
        kind: 'pdf',
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
      })
      .returning();
    const link = await createShareLink(db, { actorUserId: holder.id }, input(`file:${file!.id}`));
    const page = await openPage(get(`/s/${link.token}`), params(link.token));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('marksheet &lt;2024&gt;.pdf');
    expect(html).toContain(`href="/s/${link.token}/file"`);
    const res = await openFile(get(`/s/${link.token}/file`), params(link.token));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(content);
    // A certificate's PDF route does not serve a file link.
    expect((await openPdf(get(`/s/${link.token}/pdf`), params(link.token))).status).toBe(404);
    const actions = await db
      .select({ action: accessLog.action, outcome: accessLog.outcome })
      .from(accessLog)
      .where(eq(accessLog.fileId, file!.id));
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'view', outcome: 'allowed' },
        { action: 'file', outcome: 'allowed' },
      ]),
    );
  });
});
