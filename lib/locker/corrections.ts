import 'server-only';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { certificates, correctionRequests, organisations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { grantingMemberships, type MembershipLike } from '@/lib/auth/permissions';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { toLocale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/process-translations';
import { addToOutbox, type OutboxMessage } from '@/lib/notify/outbox';
import { readDocument } from './access';

// A citizen asks the issuer of one of their documents to correct it (what is wrong, what it
// should say); the issuer answers, or marks it fixed once a corrected document is published.
// Every request, answer and withdrawal is audited; the citizen is told when it is answered.

const TEXT_MAX = 2000;
const text = (key: string) => z.string().trim().min(3, `${key}Short`).max(TEXT_MAX, `${key}Long`);

export const ZCorrectionRequestInput = z.object({
  certificateId: z.string().uuid('notFound'),
  whatIsWrong: text('whatIsWrong'),
  shouldSay: text('shouldSay'),
});
export type TCorrectionRequestInput = z.infer<typeof ZCorrectionRequestInput>;

export const ZWithdrawCorrectionInput = z.object({ id: z.string().uuid('notFound') });

export const ZAnswerCorrectionInput = z.object({
  id: z.string().uuid('notFound'),
  orgId: z.string().uuid('notFound'),
  answer: text('answer'),
  fixed: z.boolean().default(false),
});
export type TAnswerCorrectionInput = z.infer<typeof ZAnswerCorrectionInput>;

type Ctx = { ip?: string | null; userAgent?: string | null };
type Reader = { userId: string; memberships: readonly MembershipLike[] };

export type CorrectionRow = typeof correctionRequests.$inferSelect;

/**
 * The holder's document for a correction request: through the access decision (a 'view', logged),
 * and only the holder's own; issuer staff may read it but do not ask for corrections.
 */
export async function holderCertificate(
  db: DbOrTx,
  reader: Reader,
  certificateId: string,
  ip?: string | null,
) {
  const doc = await readDocument(db, {
    reader: { kind: 'user', userId: reader.userId, memberships: reader.memberships },
    target: { certificateId },
    action: 'view',
    ip,
  });
  if (doc.kind !== 'certificate' || doc.ownerUserId !== reader.userId)
    throw new NotFoundError('No such document');
  return doc;
}

/** The citizen asks for a correction of one of their documents. */
export async function requestCorrection(
  db: Db,
  reader: Reader,
  ctx: Ctx,
  input: TCorrectionRequestInput,
): Promise<{ id: string }> {
  let doc;
  try {
    doc = await holderCertificate(db, reader, input.certificateId, ctx.ip);
  } catch (error) {
    await recordAudit(db, {
      actorUserId: reader.userId,
      action: 'correction.request',
      objectType: 'certificate',
      objectId: input.certificateId,
      outcome: 'denied',
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { reason: 'not-holder' },
    });
    throw error;
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(correctionRequests)
      .values({
        certificateId: doc.id,
        userId: reader.userId,
        issuerOrgId: doc.issuerOrgId,
        whatIsWrong: input.whatIsWrong,
        shouldSay: input.shouldSay,
      })
      .returning({ id: correctionRequests.id });
    await recordAudit(tx, {
      actorUserId: reader.userId,
      action: 'correction.request',
      objectType: 'correction_request',
      objectId: row!.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { certificateId: doc.id, number: doc.number },
    });
    return { id: row!.id };
  });
}

/** The citizen's requests about one of their documents, newest first. */
export async function listMyCorrections(
  db: DbOrTx,
  { userId, certificateId }: { userId: string; certificateId: string },
): Promise<CorrectionRow[]> {
  return db
    .select()
    .from(correctionRequests)
    .where(
      and(
        eq(correctionRequests.userId, userId),
        eq(correctionRequests.certificateId, certificateId),
      ),
    )
    .orderBy(desc(correctionRequests.createdAt), desc(correctionRequests.id));
}

/** The citizen withdraws an open request of theirs; another's (or none) is "not found". */
export async function withdrawCorrection(
  db: Db,
  { userId }: { userId: string },
  ctx: Ctx,
  id: string,
): Promise<{ certificateId: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: correctionRequests.status,
        certificateId: correctionRequests.certificateId,
      })
      .from(correctionRequests)
      .where(and(eq(correctionRequests.id, id), eq(correctionRequests.userId, userId)))
      .for('update');
    if (!row) throw new NotFoundError('No such request');
    if (row.status !== 'open') throw new ConflictError('Only an open request can be withdrawn');
    await tx
      .update(correctionRequests)
      .set({ status: 'withdrawn' })
      .where(eq(correctionRequests.id, id));
    await recordAudit(tx, {
      actorUserId: userId,
      action: 'correction.withdraw',
      objectType: 'correction_request',
      objectId: id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { certificateId: row.certificateId };
  });
}

export type IssuerCorrectionRow = CorrectionRow & {
  certificateNumber: string;
  certificateTitle: string;
  recipientName: string;
};

export const CORRECTIONS_PAGE_SIZE = 20;

/** An institution's requests (only its own: the organisation is required), newest first. */
export async function listIssuerCorrections(
  db: DbOrTx,
  {
    issuerOrgId,
    status = ['open'],
    page = 1,
    pageSize = CORRECTIONS_PAGE_SIZE,
  }: {
    issuerOrgId: string;
    status?: CorrectionRow['status'][];
    page?: number;
    pageSize?: number;
  },
): Promise<{ rows: IssuerCorrectionRow[]; total: number }> {
  const scope = and(
    eq(correctionRequests.issuerOrgId, issuerOrgId),
    inArray(correctionRequests.status, status),
  );
  const [rows, [all]] = await Promise.all([
    db
      .select({
        r: correctionRequests,
        certificateNumber: certificates.number,
        certificateTitle: certificates.title,
        recipientName: certificates.recipientName,
      })
      .from(correctionRequests)
      .innerJoin(certificates, eq(certificates.id, correctionRequests.certificateId))
      .where(scope)
      .orderBy(desc(correctionRequests.createdAt), desc(correctionRequests.id))
      .limit(pageSize)
      .offset((Math.max(1, page) - 1) * pageSize),
    db.select({ n: count() }).from(correctionRequests).where(scope),
  ]);
  return {
    total: all?.n ?? 0,
    rows: rows.map(({ r, ...c }) => ({ ...r, ...c })),
  };
}

/** The message telling the citizen their request was answered, in their language. */
function answeredMessage(
  to: { mobile: string | null; email: string | null; locale: string },
  v: { issuer: string; number: string; certificateId: string },
): OutboxMessage | null {
  const t = translatorFor(toLocale(to.locale), 'sharing');
  const link = `/locker/documents/${v.certificateId}/correction`;
  if (to.email)
    return {
      channel: 'email',
      recipient: to.email,
      subject: t('corrections.notifySubject', { issuer: v.issuer }),
      body: t('corrections.notifyBody', { issuer: v.issuer, number: v.number, link }),
      template: 'locker.correction_answered',
    };
  if (to.mobile)
    return {
      channel: 'sms',
      recipient: to.mobile,
      body: t('corrections.notifySms', { issuer: v.issuer, number: v.number }),
      template: 'locker.correction_answered',
    };
  return null;
}

/**
 * Staff of the issuing institution answer a request, or mark it fixed (a corrected document was
 * published). Needs 'institution.manage' in that institution; another's request is "not found".
 * Returns the outbox message ids to deliver after commit.
 */
export async function answerCorrection(
  db: Db,
  staff: Reader,
  ctx: Ctx,
  input: TAnswerCorrectionInput,
): Promise<{ messageIds: string[] }> {
  if (grantingMemberships(staff.memberships, 'institution.manage', input.orgId).length === 0)
    throw new NotFoundError('No such request');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: correctionRequests.status,
        certificateId: correctionRequests.certificateId,
        number: certificates.number,
        issuer: organisations.name,
        mobile: users.mobile,
        email: users.email,
        locale: users.locale,
      })
      .from(correctionRequests)
      .innerJoin(certificates, eq(certificates.id, correctionRequests.certificateId))
      .innerJoin(organisations, eq(organisations.id, correctionRequests.issuerOrgId))
      .innerJoin(users, eq(users.id, correctionRequests.userId))
      .where(
        and(eq(correctionRequests.id, input.id), eq(correctionRequests.issuerOrgId, input.orgId)),
      )
      .for('update', { of: correctionRequests });
    if (!row) throw new NotFoundError('No such request');
    if (row.status === 'withdrawn' || row.status === 'fixed')
      throw new ConflictError('This request is closed');
    const status = input.fixed ? 'fixed' : 'answered';
    await tx
      .update(correctionRequests)
      .set({
        status,
        answer: input.answer,
        answeredByUserId: staff.userId,
        answeredAt: sql`now()`,
      })
      .where(eq(correctionRequests.id, input.id));
    await recordAudit(tx, {
      actorUserId: staff.userId,
      action: input.fixed ? 'correction.fix' : 'correction.answer',
      objectType: 'correction_request',
      objectId: input.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      detail: { orgId: input.orgId, certificateId: row.certificateId },
    });
    const message = answeredMessage(row, {
      issuer: row.issuer,
      number: row.number,
      certificateId: row.certificateId,
    });
    return { messageIds: message ? [await addToOutbox(tx, message)] : [] };
  });
}
