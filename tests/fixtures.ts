import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { memberships, organisations, users } from '@/db/schema';
import type { CertificateInput } from '@/lib/credentials/issue';
import { uniqueMobile } from './helpers';

/** An active institution with a unique issuer code. */
export async function createIssuer(
  db: Db,
  name = 'Test Skills Institute',
): Promise<{ id: string; code: string; name: string }> {
  const code = `in.sanad.test${randomBytes(4).toString('hex')}`;
  const [org] = await db
    .insert(organisations)
    .values({ kind: 'institution', name, code, status: 'active' })
    .returning();
  return { id: org!.id, code, name };
}

export function skillCertificate(overrides: Partial<CertificateInput> = {}): CertificateInput {
  return {
    docType: 'SKCER',
    number: `CERT-${randomBytes(5).toString('hex').toUpperCase()}`,
    title: 'Skill Certificate',
    recipient: {
      name: 'आशा शर्मा',
      dob: '2001-05-14',
      gender: 'F',
      mobile: '9876543210',
      uidMasked: 'XXXXXXXX2346',
    },
    issueDate: '2026-11-20',
    data: {
      kind: 'skill',
      award: 'Assistant Electrician',
      jobRole: 'Assistant Electrician',
      qpCode: 'ELE/Q3101',
      nsqfLevel: '4',
      grade: 'A',
    },
    templateKey: 'classic',
    signatories: [{ name: 'Dr. Meera Joshi', designation: 'Controller of Examinations' }],
    ...overrides,
  };
}

type Role = (typeof memberships.$inferInsert)['role'];

/** A person with a citizen membership plus the given roles (the server actions' real checks). */
export async function createPerson(db: Db, roles: { role: Role; orgId: string | null }[] = []) {
  const tag = randomBytes(4).toString('hex');
  const [u] = await db
    .insert(users)
    .values({
      name: `Person ${tag}`,
      mobile: uniqueMobile(),
      email: `${tag}@example.org`,
      emailVerifiedAt: new Date(),
    })
    .returning();
  await db
    .insert(memberships)
    .values(
      [{ role: 'citizen' as const, orgId: null }, ...roles].map((m) => ({ ...m, userId: u!.id })),
    );
  return u!;
}

/** A platform organisation of its own and a platform admin in it. */
export async function createPlatformAdmin(db: Db) {
  const [platform] = await db
    .insert(organisations)
    .values({
      kind: 'platform',
      name: 'Platform',
      code: `in.sanad.p${randomBytes(4).toString('hex')}`,
      status: 'active',
    })
    .returning();
  return createPerson(db, [{ role: 'platform_admin', orgId: platform!.id }]);
}
