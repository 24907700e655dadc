import 'server-only';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { organisations } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';

const NOT_ACTIVE: Record<string, string> = {
  pending:
    'The institution is waiting for approval by the platform; it can upload and publish once it is activated',
  suspended: 'The institution is suspended and cannot upload or publish',
  rejected: 'The institution’s registration was rejected; it cannot upload or publish',
};

/** Only an active institution can upload or publish (issue "Institution repository", item 1). */
export async function requireActiveInstitution(db: DbOrTx, orgId: string) {
  const [org] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      code: organisations.code,
      kind: organisations.kind,
      status: organisations.status,
    })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  if (!org || org.kind !== 'institution') throw new NotFoundError('No such institution');
  if (org.status !== 'active')
    throw new ConflictError(NOT_ACTIVE[org.status] ?? 'The institution is not active');
  return org;
}
