import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, ne, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { likeLiteral, likePattern } from '@/db/like';
import { institutionRegistry, organisations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { queueMessages, type ActorContext } from './context';
import { conflictOn } from './errors';
import { registryDecisionMessages } from './notifications';
import type {
  TAddRegistryEntryInput,
  TDeclineRegistryEntryInput,
  TListRequestedEntryInput,
  TRequestRegistryEntryInput,
} from './schemas';

// The list of approved institutions the platform admin keeps (seed 000 §2.4 iii).

/** An applicant may have this many requests waiting at once. */
const MAX_OPEN_REQUESTS = 5;

export type Availability = 'open' | 'pending' | 'registered';

/** Whether an entry can still be registered: its organisation (same code) decides. */
function availability(orgStatus: string | null): Availability {
  if (orgStatus === 'active' || orgStatus === 'suspended') return 'registered';
  return orgStatus === 'pending' ? 'pending' : 'open';
}

const entryColumns = {
  id: institutionRegistry.id,
  name: institutionRegistry.name,
  code: institutionRegistry.code,
  kind: institutionRegistry.kind,
  city: institutionRegistry.city,
  state: institutionRegistry.state,
  status: institutionRegistry.status,
  createdAt: institutionRegistry.createdAt,
  orgStatus: organisations.status,
};

/** The wizard's picker: listed entries matching a search, with whether they are taken. */
export async function searchListedEntries(db: Db, { q = '', limit = 20 }) {
  const p = likePattern(q);
  const rows = await db
    .select(entryColumns)
    .from(institutionRegistry)
    .leftJoin(organisations, eq(organisations.code, institutionRegistry.code))
    .where(
      and(
        eq(institutionRegistry.status, 'listed'),
        q.trim()
          ? or(
              ilike(institutionRegistry.name, p),
              ilike(institutionRegistry.code, p),
              ilike(institutionRegistry.city, p),
              ilike(institutionRegistry.state, p),
            )
          : undefined,
      ),
    )
    .orderBy(asc(institutionRegistry.name))
    .limit(limit);
  return rows.map(({ orgStatus, ...r }) => ({
    ...r,
    availability: availability(orgStatus),
  }));
}
export type ListedEntry = Awaited<ReturnType<typeof searchListedEntries>>[number];

/** "My institution is not listed": the applicant asks the platform admin to add it. */
export async function requestRegistryEntry(
  db: Db,
  ctx: ActorContext,
  input: TRequestRegistryEntryInput,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [listed] = await tx
      .select({ id: institutionRegistry.id })
      .from(institutionRegistry)
      .where(
        and(
          eq(institutionRegistry.status, 'listed'),
          ilike(institutionRegistry.name, likeLiteral(input.name)),
        ),
      );
    if (listed)
      throw conflictOn('name', 'alreadyListed', 'This institution is already on the list');
    const [open] = await tx
      .select({ n: count() })
      .from(institutionRegistry)
      .where(
        and(
          eq(institutionRegistry.requestedBy, ctx.actorUserId),
          eq(institutionRegistry.status, 'requested'),
        ),
      );
    if ((open?.n ?? 0) >= MAX_OPEN_REQUESTS)
      throw conflictOn('name', 'tooManyRequests', 'You already have several requests waiting');
    const [row] = await tx
      .insert(institutionRegistry)
      .values({
        name: input.name,
        // A placeholder until the admin lists it with its real issuer code.
        code: `request.${randomBytes(6).toString('hex')}`,
        kind: input.kind,
        city: input.city,
        state: input.state,
        note: input.note || null,
        status: 'requested',
        requestedBy: ctx.actorUserId,
      })
      .returning({ id: institutionRegistry.id });
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.registry.request',
      objectType: 'institution_registry',
      objectId: row!.id,
      detail: { name: input.name },
    });
    return { id: row!.id };
  });
}

/** The requests an applicant made, newest first. */
export async function listOwnRegistryRequests(db: Db, { userId }: { userId: string }) {
  return db
    .select({
      id: institutionRegistry.id,
      name: institutionRegistry.name,
      status: institutionRegistry.status,
      note: institutionRegistry.note,
      createdAt: institutionRegistry.createdAt,
    })
    .from(institutionRegistry)
    .where(eq(institutionRegistry.requestedBy, userId))
    .orderBy(desc(institutionRegistry.createdAt))
    .limit(20);
}

/** Platform admin: entries of one status, with the requester and whether they are registered. */
export async function listRegistry(
  db: Db,
  { status, q = '', limit = 100 }: { status: 'listed' | 'requested'; q?: string; limit?: number },
) {
  const p = likePattern(q);
  const rows = await db
    .select({
      ...entryColumns,
      note: institutionRegistry.note,
      requesterName: users.name,
      requesterMobile: users.mobile,
      requesterEmail: users.email,
    })
    .from(institutionRegistry)
    .leftJoin(organisations, eq(organisations.code, institutionRegistry.code))
    .leftJoin(users, eq(users.id, institutionRegistry.requestedBy))
    .where(
      and(
        eq(institutionRegistry.status, status),
        q.trim()
          ? or(ilike(institutionRegistry.name, p), ilike(institutionRegistry.code, p))
          : undefined,
      ),
    )
    .orderBy(
      status === 'requested' ? asc(institutionRegistry.createdAt) : asc(institutionRegistry.name),
    )
    .limit(limit);
  return rows.map((r) => ({ ...r, availability: availability(r.orgStatus) }));
}
export type AdminRegistryEntry = Awaited<ReturnType<typeof listRegistry>>[number];

async function codeTaken(tx: DbOrTx, code: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: institutionRegistry.id })
    .from(institutionRegistry)
    .where(
      and(
        eq(institutionRegistry.code, code),
        exceptId ? ne(institutionRegistry.id, exceptId) : undefined,
      ),
    );
  return Boolean(row);
}

/** Platform admin adds an approved institution. */
export async function addRegistryEntry(
  db: Db,
  ctx: ActorContext,
  input: TAddRegistryEntryInput,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(institutionRegistry)
      .values({
        name: input.name,
        code: input.code,
        kind: input.kind,
        city: input.city || null,
        state: input.state || null,
        status: 'listed',
      })
      .onConflictDoNothing({ target: institutionRegistry.code })
      .returning({ id: institutionRegistry.id });
    if (!row) throw conflictOn('code', 'codeTaken', 'Another institution already has this code');
    await recordAudit(tx, {
      ...ctx,
      action: 'institution.registry.add',
      objectType: 'institution_registry',
      objectId: row.id,
      detail: { name: input.name, code: input.code },
    });
    return { id: row.id };
  });
}

/** Decides a requested entry: list it (with its code) or decline it; the requester is told. */
async function decideRequest(
  db: Db,
  ctx: ActorContext,
  id: string,
  decision: { listed: true; entry: TAddRegistryEntryInput } | { listed: false; reason: string },
): Promise<{ messageIds: string[] }> {
  return db.transaction(async (tx) => {
    const [req] = await tx
      .select()
      .from(institutionRegistry)
      .where(and(eq(institutionRegistry.id, id), eq(institutionRegistry.status, 'requested')))
      .for('update');
    if (!req) throw new NotFoundError('No such request waiting');
    if (decision.listed) {
      if (await codeTaken(tx, decision.entry.code, id))
        throw conflictOn('code', 'codeTaken', 'Another institution already has this code');
      const e = decision.entry;
      await tx
        .update(institutionRegistry)
        .set({
          status: 'listed',
          name: e.name,
          code: e.code,
          kind: e.kind,
          city: e.city || null,
          state: e.state || null,
        })
        .where(eq(institutionRegistry.id, id));
    } else {
      // The reason replaces the requester's note: it is what the requester sees from now on.
      await tx
        .update(institutionRegistry)
        .set({ status: 'declined', note: decision.reason })
        .where(eq(institutionRegistry.id, id));
    }
    await recordAudit(tx, {
      ...ctx,
      action: decision.listed ? 'institution.registry.list' : 'institution.registry.decline',
      objectType: 'institution_registry',
      objectId: id,
      detail: decision.listed ? { code: decision.entry.code } : { reason: decision.reason },
    });
    if (!req.requestedBy) return { messageIds: [] };
    const [who] = await tx.select().from(users).where(eq(users.id, req.requestedBy));
    if (!who) return { messageIds: [] };
    const messages = registryDecisionMessages(
      { name: who.name ?? '', mobile: who.mobile, email: who.email },
      {
        institution: decision.listed ? decision.entry.name : req.name,
        listed: decision.listed,
        reason: decision.listed ? '' : decision.reason,
      },
      who.locale,
    );
    return { messageIds: await queueMessages(tx, messages) };
  });
}

export function listRequestedEntry(db: Db, ctx: ActorContext, input: TListRequestedEntryInput) {
  const { id, ...entry } = input;
  return decideRequest(db, ctx, id, { listed: true, entry });
}

export function declineRegistryEntry(db: Db, ctx: ActorContext, input: TDeclineRegistryEntryInput) {
  return decideRequest(db, ctx, input.id, { listed: false, reason: input.reason });
}
