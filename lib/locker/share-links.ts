import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { accessLog, certificates, lockerFiles, shareLinks, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { NotFoundError } from '@/lib/errors';
import type { ShareLinkGrant } from './access';

// A share link opens one document of the citizen's locker for whoever holds it, for 1 hour to
// 30 days. The token is 32 random bytes shown once; only its SHA-256 is kept, so the table
// cannot be turned back into working links.

export const SHARE_HOURS = [1, 24, 24 * 7, 24 * 30] as const;
export const MIN_HOURS = 1;
export const MAX_HOURS = 24 * 30;
export const PURPOSE_MAX = 200;

const TARGET =
  /^(certificate|file):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export type ShareTarget = { certificateId: string } | { fileId: string };

/** `certificate:{id}` or `file:{id}` (the form's value and the `?new=` parameter) as a target. */
export function parseShareTarget(value: string | null | undefined): ShareTarget | null {
  const m = TARGET.exec(value ?? '');
  if (!m) return null;
  return m[1] === 'certificate' ? { certificateId: m[2]! } : { fileId: m[2]! };
}

export const ZCreateShareLinkInput = z.object({
  target: z.string().regex(TARGET, 'shareTarget'),
  hours: z.coerce
    .number()
    .int('shareDuration')
    .min(MIN_HOURS, 'shareDuration')
    .max(MAX_HOURS, 'shareDuration'),
  purpose: z
    .string()
    .trim()
    .max(PURPOSE_MAX, 'sharePurposeLong')
    .optional()
    .transform((v) => v || null),
});
export type TCreateShareLinkInput = z.infer<typeof ZCreateShareLinkInput>;

export const ZRevokeShareLinkInput = z.object({ id: z.string().uuid('notFound') });

/** A token's stored form. */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 32 random bytes, base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function shareUrlOf(token: string): string {
  return `${config.publicBaseUrl}/s/${token}`;
}

type Ctx = { actorUserId: string; ip?: string | null; userAgent?: string | null };

/** The holder's own document with this id, and its label, or null (someone else's or none). */
async function ownDocument(
  db: DbOrTx,
  userId: string,
  target: ShareTarget,
): Promise<{ label: string } | null> {
  if ('certificateId' in target) {
    const [c] = await db
      .select({ title: certificates.title, number: certificates.number })
      .from(certificates)
      .where(and(eq(certificates.id, target.certificateId), eq(certificates.lockerUserId, userId)));
    return c ? { label: `${c.title} (${c.number})` } : null;
  }
  const [f] = await db
    .select({ name: lockerFiles.name })
    .from(lockerFiles)
    .where(and(eq(lockerFiles.id, target.fileId), eq(lockerFiles.userId, userId)));
  return f ? { label: f.name } : null;
}

/**
 * Creates a link to one of the holder's documents. Another's document (or none) is "not found",
 * with nothing stored but the refusal in the audit log. The token is returned once, here.
 */
export async function createShareLink(
  db: Db,
  ctx: Ctx,
  input: TCreateShareLinkInput,
  now = new Date(),
): Promise<{ id: string; token: string; url: string; expiresAt: Date }> {
  const target = parseShareTarget(input.target);
  const doc = target ? await ownDocument(db, ctx.actorUserId, target) : null;
  const audit = { actorUserId: ctx.actorUserId, ip: ctx.ip, userAgent: ctx.userAgent };
  if (!target || !doc) {
    await recordAudit(db, {
      ...audit,
      action: 'share.create',
      objectType: 'document',
      objectId: input.target.slice(0, 60),
      outcome: 'denied',
      detail: { reason: 'not-holder' },
    });
    throw new NotFoundError('No such document');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + input.hours * 3_600_000);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(shareLinks)
      .values({
        userId: ctx.actorUserId,
        certificateId: 'certificateId' in target ? target.certificateId : null,
        fileId: 'fileId' in target ? target.fileId : null,
        tokenHash: hashShareToken(token),
        purpose: input.purpose,
        expiresAt,
      })
      .returning({ id: shareLinks.id });
    await recordAudit(tx, {
      ...audit,
      action: 'share.create',
      objectType: 'share_link',
      objectId: row!.id,
      detail: { document: doc.label, hours: input.hours, purpose: input.purpose },
    });
    return { id: row!.id, token, url: shareUrlOf(token), expiresAt };
  });
}

/** Revokes one of the holder's links (again: no change). Another's link is "not found". */
export async function revokeShareLink(db: Db, ctx: Ctx, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [link] = await tx
      .select({ id: shareLinks.id, revokedAt: shareLinks.revokedAt })
      .from(shareLinks)
      .where(and(eq(shareLinks.id, id), eq(shareLinks.userId, ctx.actorUserId)))
      .for('update');
    if (!link) throw new NotFoundError('No such link');
    if (link.revokedAt) return;
    await tx
      .update(shareLinks)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(shareLinks.id, id), isNull(shareLinks.revokedAt)));
    await recordAudit(tx, {
      actorUserId: ctx.actorUserId,
      action: 'share.revoke',
      objectType: 'share_link',
      objectId: id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
  });
}

export type ShareLinkState = 'active' | 'expired' | 'revoked';

export function shareLinkState(
  link: { revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): ShareLinkState {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export type ShareLinkRow = {
  id: string;
  kind: 'certificate' | 'file';
  documentId: string;
  label: string;
  purpose: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  state: ShareLinkState;
  opens: number;
};

export const SHARE_PAGE_SIZE = 20;

/** The holder's links, newest first, a page at a time, with how often each was opened. */
export async function listShareLinks(
  db: DbOrTx,
  {
    userId,
    page = 1,
    pageSize = SHARE_PAGE_SIZE,
  }: { userId: string; page?: number; pageSize?: number },
): Promise<{ rows: ShareLinkRow[]; total: number }> {
  const [rows, [all]] = await Promise.all([
    db
      .select({
        id: shareLinks.id,
        certificateId: shareLinks.certificateId,
        fileId: shareLinks.fileId,
        certTitle: certificates.title,
        certNumber: certificates.number,
        fileName: lockerFiles.name,
        purpose: shareLinks.purpose,
        createdAt: shareLinks.createdAt,
        expiresAt: shareLinks.expiresAt,
        revokedAt: shareLinks.revokedAt,
      })
      .from(shareLinks)
      .leftJoin(certificates, eq(certificates.id, shareLinks.certificateId))
      .leftJoin(lockerFiles, eq(lockerFiles.id, shareLinks.fileId))
      .where(eq(shareLinks.userId, userId))
      .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize),
    db.select({ n: count() }).from(shareLinks).where(eq(shareLinks.userId, userId)),
  ]);
  const ids = rows.map((r) => r.id);
  const opens = ids.length
    ? await db
        .select({ id: accessLog.shareLinkId, n: count() })
        .from(accessLog)
        .where(
          and(
            eq(accessLog.ownerUserId, userId),
            inArray(accessLog.shareLinkId, ids),
            eq(accessLog.outcome, 'allowed'),
            eq(accessLog.action, 'view'),
          ),
        )
        .groupBy(accessLog.shareLinkId)
    : [];
  const opened = new Map(opens.map((o) => [o.id, o.n]));
  const now = new Date();
  return {
    total: all?.n ?? 0,
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.certificateId ? 'certificate' : 'file',
      documentId: (r.certificateId ?? r.fileId)!,
      label: r.certificateId ? `${r.certTitle} (${r.certNumber})` : (r.fileName ?? ''),
      purpose: r.purpose,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
      state: shareLinkState(r, now),
      opens: opened.get(r.id) ?? 0,
    })),
  };
}

/** What the holder may share, newest first, for the form's choice of document. */
export async function shareableDocuments(
  db: DbOrTx,
  { userId, limit = 200 }: { userId: string; limit?: number },
): Promise<{ value: string; label: string; kind: 'certificate' | 'file' }[]> {
  const [certs, files] = await Promise.all([
    db
      .select({ id: certificates.id, title: certificates.title, number: certificates.number })
      .from(certificates)
      .where(eq(certificates.lockerUserId, userId))
      .orderBy(desc(certificates.issuedAt))
      .limit(limit),
    db
      .select({ id: lockerFiles.id, name: lockerFiles.name })
      .from(lockerFiles)
      .where(eq(lockerFiles.userId, userId))
      .orderBy(desc(lockerFiles.createdAt))
      .limit(limit),
  ]);
  return [
    ...certs.map((c) => ({
      value: `certificate:${c.id}`,
      label: `${c.title} (${c.number})`,
      kind: 'certificate' as const,
    })),
    ...files.map((f) => ({ value: `file:${f.id}`, label: f.name, kind: 'file' as const })),
  ];
}

/** The link a token opens, or null for a token no link has (or one not shaped like a token). */
export async function findShareLink(
  db: DbOrTx,
  token: string,
): Promise<(ShareLinkGrant & { ownerName: string | null }) | null> {
  if (!TOKEN.test(token)) return null;
  const [link] = await db
    .select({
      ownerName: users.name,
      id: shareLinks.id,
      userId: shareLinks.userId,
      certificateId: shareLinks.certificateId,
      fileId: shareLinks.fileId,
      expiresAt: shareLinks.expiresAt,
      revokedAt: shareLinks.revokedAt,
      purpose: shareLinks.purpose,
    })
    .from(shareLinks)
    .innerJoin(users, eq(users.id, shareLinks.userId))
    .where(eq(shareLinks.tokenHash, hashShareToken(token)));
  return link ?? null;
}
