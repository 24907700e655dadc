import { describe, expect, it } from 'vitest';
import { decide, type AccessGrant, type ShareLinkGrant } from './access';

const OWNER = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const ISSUER = '00000000-0000-4000-8000-0000000000a1';
const NOW = new Date('2026-12-07T12:00:00Z');

const certificate: AccessGrant = {
  kind: 'certificate',
  id: '00000000-0000-4000-8000-0000000000c1',
  ownerUserId: OWNER,
  issuerOrgId: ISSUER,
  number: 'N-1',
  version: 1,
  title: 'Skill Certificate',
  status: 'active',
  verificationCode: 'ABCD-EFGH-JKLM',
};
const file: AccessGrant = {
  kind: 'file',
  id: '00000000-0000-4000-8000-0000000000f1',
  ownerUserId: OWNER,
  name: 'letter.pdf',
  fileKind: 'pdf',
  size: 10,
  sha256: 'x',
  storageKey: 'k',
};
const citizen = [{ role: 'citizen', orgId: null }];

function link(over: Partial<ShareLinkGrant> = {}): ShareLinkGrant {
  return {
    id: '00000000-0000-4000-8000-0000000000e1',
    userId: OWNER,
    certificateId: certificate.id,
    fileId: null,
    expiresAt: new Date(NOW.getTime() + 60_000),
    revokedAt: null,
    purpose: null,
    ...over,
  };
}

describe('decide: who may read a citizen’s document', () => {
  it('lets the holder read only while they hold the citizen role', () => {
    expect(decide({ kind: 'user', userId: OWNER, memberships: citizen }, certificate)).toEqual({
      allowed: true,
      actorKind: 'holder',
    });
    expect(decide({ kind: 'user', userId: OWNER, memberships: [] }, certificate)).toEqual({
      allowed: false,
      actorKind: 'holder',
      reason: 'no-locker-role',
    });
  });

  it('lets institution and course staff of the issuer read its certificates, not files', () => {
    for (const role of ['institution_operator', 'course_mentor']) {
      const staff = {
        kind: 'user' as const,
        userId: OTHER,
        memberships: [{ role, orgId: ISSUER }],
      };
      expect(decide(staff, certificate)).toEqual({
        allowed: true,
        actorKind: 'issuer_staff',
        actorOrgId: ISSUER,
      });
      expect(decide(staff, { ...file, ownerUserId: OWNER })).toMatchObject({
        allowed: false,
        reason: 'not-holder-or-issuer',
      });
    }
    const elsewhere = {
      kind: 'user' as const,
      userId: OTHER,
      memberships: [{ role: 'institution_owner', orgId: OTHER }],
    };
    expect(decide(elsewhere, certificate)).toMatchObject({ allowed: false });
  });

  it('refuses a share link at the very moment it expires, and a revoked one as gone', () => {
    const at = (expiresAt: Date) =>
      decide({ kind: 'share_link', link: link({ expiresAt }) }, certificate, NOW);
    expect(at(new Date(NOW.getTime() + 1))).toEqual({ allowed: true, actorKind: 'share_link' });
    expect(at(NOW)).toEqual({
      allowed: false,
      actorKind: 'share_link',
      reason: 'link-expired',
      gone: true,
    });
    expect(
      decide({ kind: 'share_link', link: link({ revokedAt: NOW }) }, certificate, NOW),
    ).toEqual({ allowed: false, actorKind: 'share_link', reason: 'link-revoked', gone: true });
  });

  it('matches a link to its own document only, certificate or file', () => {
    const fileLink = link({ certificateId: null, fileId: file.id });
    expect(decide({ kind: 'share_link', link: fileLink }, file, NOW)).toMatchObject({
      allowed: true,
    });
    expect(decide({ kind: 'share_link', link: fileLink }, certificate, NOW)).toMatchObject({
      allowed: false,
      reason: 'link-not-for-document',
    });
    expect(decide({ kind: 'share_link', link: link() }, file, NOW)).toMatchObject({
      allowed: false,
      reason: 'link-not-for-document',
    });
  });

  it('lets a partner pull issued documents, never uploaded files', () => {
    expect(decide({ kind: 'partner', partnerId: OTHER }, certificate)).toEqual({
      allowed: true,
      actorKind: 'partner',
    });
    expect(decide({ kind: 'partner', partnerId: OTHER }, file)).toEqual({
      allowed: false,
      actorKind: 'partner',
      reason: 'not-an-issued-document',
    });
  });

  it('lets a verifier read only the documents of the citizen who consented', () => {
    expect(decide({ kind: 'verifier', orgId: ISSUER, ownerUserId: OWNER }, certificate)).toEqual({
      allowed: true,
      actorKind: 'verifier',
      actorOrgId: ISSUER,
    });
    expect(decide({ kind: 'verifier', orgId: ISSUER, ownerUserId: OTHER }, file)).toEqual({
      allowed: false,
      actorKind: 'verifier',
      reason: 'not-under-consent',
    });
  });
});
