import { count } from 'drizzle-orm';
import type { Db } from './client';
import { memberships, organisations, users } from './schema';

type Role = (typeof memberships.$inferInsert)['role'];

export type DemoSignIn = { who: string; mobile: string; area: string };

const ORGS = [
  { key: 'platform', kind: 'platform', code: 'in.sanad.platform', name: 'Sanad platform' },
  {
    key: 'institution',
    kind: 'institution',
    code: 'in.sanad.demoskills',
    name: 'Demo Skills Institute, Pune',
  },
  {
    key: 'state',
    kind: 'state',
    code: 'in.sanad.demostate',
    name: 'Demo State Education Department',
  },
  { key: 'verifier', kind: 'verifier', code: 'in.sanad.demobank', name: 'Demo Bank (verifier)' },
] as const;

type OrgKey = (typeof ORGS)[number]['key'];

const PEOPLE: {
  name: string;
  mobile: string;
  email?: string;
  dob: string;
  gender: 'M' | 'F' | 'T';
  roles: [Role, OrgKey | null][];
  who: string;
  area: string;
}[] = [
  {
    who: 'Platform admin',
    area: '/admin',
    name: 'Priya Nair',
    mobile: '9000000001',
    email: 'admin@sanad.local',
    dob: '1985-02-11',
    gender: 'F',
    roles: [['platform_admin', 'platform']],
  },
  {
    who: 'Institution owner',
    area: '/institution',
    name: 'Rajesh Kumar',
    mobile: '9000000002',
    dob: '1978-07-21',
    gender: 'M',
    roles: [['institution_owner', 'institution']],
  },
  {
    who: 'Institution operator',
    area: '/institution',
    name: 'Meena Iyer',
    mobile: '9000000003',
    dob: '1990-11-03',
    gender: 'F',
    roles: [['institution_operator', 'institution']],
  },
  {
    who: 'Course author',
    area: '/courses',
    name: 'Anil Verma',
    mobile: '9000000004',
    dob: '1982-04-09',
    gender: 'M',
    roles: [['course_author', 'state']],
  },
  {
    who: 'Course mentor',
    area: '/courses',
    name: 'Sunita Rao',
    mobile: '9000000005',
    dob: '1987-09-30',
    gender: 'F',
    roles: [['course_mentor', 'state']],
  },
  {
    who: 'State admin',
    area: '/courses',
    name: 'Vikram Singh',
    mobile: '9000000006',
    dob: '1975-01-15',
    gender: 'M',
    roles: [['state_admin', 'state']],
  },
  {
    who: 'Verifier',
    area: '/verifier',
    name: 'Farah Khan',
    mobile: '9000000007',
    dob: '1988-06-18',
    gender: 'F',
    roles: [['verifier', 'verifier']],
  },
  {
    who: 'Citizen (student)',
    area: '/locker',
    name: 'आशा शर्मा',
    mobile: '9876543210',
    dob: '2001-05-14',
    gender: 'F',
    roles: [],
  },
  {
    who: 'Citizen (teacher)',
    area: '/locker',
    name: 'Ravi Patel',
    mobile: '9876543211',
    email: 'ravi.patel@example.org',
    dob: '1992-08-25',
    gender: 'M',
    roles: [],
  },
];

/** Creates the demo organisations and people on an empty database. Returns how to sign in. */
export async function seedDemoData(db: Db): Promise<{ seeded: boolean; signIns: DemoSignIn[] }> {
  const signIns = PEOPLE.map((p) => ({
    who: `${p.who} — ${p.name}`,
    mobile: p.mobile,
    area: p.area,
  }));
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false, signIns };

  await db.transaction(async (tx) => {
    const orgIds = {} as Record<OrgKey, string>;
    for (const org of ORGS) {
      const [row] = await tx
        .insert(organisations)
        .values({ kind: org.kind, code: org.code, name: org.name, status: 'active' })
        .returning({ id: organisations.id });
      orgIds[org.key] = row!.id;
    }
    for (const p of PEOPLE) {
      const [user] = await tx
        .insert(users)
        .values({
          name: p.name,
          mobile: p.mobile,
          // The operator's own demo people: their emails count as proven.
          email: p.email ?? null,
          emailVerifiedAt: p.email ? new Date() : null,
          dob: p.dob,
          gender: p.gender,
        })
        .returning({ id: users.id });
      // Everyone is a person with a locker; staff roles come on top.
      const rows: (typeof memberships.$inferInsert)[] = [
        { userId: user!.id, role: 'citizen', orgId: null },
      ];
      for (const [role, org] of p.roles)
        rows.push({ userId: user!.id, role, orgId: org ? orgIds[org] : null });
      await tx.insert(memberships).values(rows);
    }
  });
  return { seeded: true, signIns };
}
