import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { certificates, organisations, users } from '@/db/schema';
import { seedDemoData, type DemoSignIn } from '@/db/seed';
import { changeCertificateStatus, issueCertificates } from '@/lib/credentials/issue';
import { ensureIssuerKeys } from '@/lib/credentials/keys';
import { seedDemoRegistry } from '@/lib/institutions/demo-registry';

// Demo data for a first run: the people of db/seed.ts plus a few signed certificates, so that a
// newcomer can open the locker, the institution dashboard and /verify straight away.

export type DemoCertificate = { label: string; code: string };

async function idsByCode(db: Db, codes: string[]) {
  const rows = await db
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .where(inArray(organisations.code, codes));
  return Object.fromEntries(rows.map((r) => [r.code, r.id])) as Record<string, string>;
}

async function userIdByMobile(db: Db, mobile: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.mobile, mobile));
  return u?.id ?? null;
}

async function issueDemoCertificates(db: Db): Promise<void> {
  const orgs = await idsByCode(db, ['in.sanad.demoskills', 'in.sanad.demostate']);
  const institution = orgs['in.sanad.demoskills']!;
  const state = orgs['in.sanad.demostate']!;
  await ensureIssuerKeys(db, institution);
  await ensureIssuerKeys(db, state);
  const asha = await userIdByMobile(db, '9876543210');
  const ravi = await userIdByMobile(db, '9876543211');
  const signatories = [
    { name: 'Dr. Meera Joshi', designation: 'Controller of Examinations' },
    { name: 'श्री राजेश कुमार', designation: 'Director' },
  ];
  const [, revoked] = await issueCertificates(db, institution, [
    {
      docType: 'SKCER',
      number: 'DSI/2026/000101',
      title: 'Skill Certificate',
      recipient: {
        name: 'आशा शर्मा',
        dob: '2001-05-14',
        gender: 'F',
        mobile: '9876543210',
        uidMasked: 'XXXXXXXX2346',
        lockerUserId: asha,
      },
      issueDate: '2026-10-30',
      data: {
        kind: 'skill',
        award: 'Assistant Electrician',
        jobRole: 'Assistant Electrician',
        qpCode: 'PSS/Q0101',
        nsqfLevel: '4',
        grade: 'A',
        scheme: 'PMKVY',
        sectorSkillCouncil: 'Power Sector Skill Council',
      },
      templateKey: 'classic',
      signatories,
    },
    {
      docType: 'SKCER',
      number: 'DSI/2026/000102',
      title: 'Skill Certificate',
      recipient: {
        name: 'आशा शर्मा',
        dob: '2001-05-14',
        gender: 'F',
        mobile: '9876543210',
        lockerUserId: asha,
      },
      issueDate: '2026-10-30',
      data: {
        kind: 'skill',
        award: 'Solar PV Installer',
        jobRole: 'Solar PV Installer',
        qpCode: 'SGJ/Q0101',
        nsqfLevel: '4',
        grade: 'B',
      },
      templateKey: 'modern',
      signatories,
    },
    {
      // Not linked to any locker: the holder has no account yet (seed 000 §2.7, legacy data).
      docType: 'SKCER',
      number: 'DSI/2026/000103',
      title: 'Skill Certificate',
      recipient: { name: 'Kiran Desai', dob: '1999-03-02', gender: 'M' },
      issueDate: '2026-11-05',
      data: {
        kind: 'skill',
        award: 'Field Technician – Air Conditioner',
        jobRole: 'Field Technician – Air Conditioner',
        qpCode: 'ELE/Q3102',
        nsqfLevel: '4',
        grade: 'B+',
      },
      templateKey: 'classic',
      signatories,
    },
  ]);
  await changeCertificateStatus(
    db,
    { issuerOrgId: institution, certificateId: revoked!.id },
    { status: 'revoked', reason: 'Issued in error: assessment not completed' },
  );
  await issueCertificates(db, state, [
    {
      docType: 'CRCER',
      number: 'DSE/TRN/2026/00042',
      title: 'Certificate of Course Completion',
      recipient: {
        name: 'Ravi Patel',
        dob: '1992-08-25',
        gender: 'M',
        mobile: '9876543211',
        email: 'ravi.patel@example.org',
        lockerUserId: ravi,
      },
      issueDate: '2026-11-02',
      data: {
        kind: 'course',
        award: 'Foundations of Digital Teaching',
        courseName: 'Foundations of Digital Teaching',
        batchName: 'Batch 7 (October 2026)',
        completionDate: 'October 2026',
        certificateType: 'completion',
      },
      templateKey: 'modern',
      signatories: [{ name: 'Vikram Singh', designation: 'State Project Director' }],
    },
  ]);
}

export async function seedDemo(
  db: Db,
): Promise<{ seeded: boolean; signIns: DemoSignIn[]; certificates: DemoCertificate[] }> {
  const base = await seedDemoData(db);
  if (base.seeded) await issueDemoCertificates(db);
  await seedDemoRegistry(db);
  const rows = await db
    .select({
      number: certificates.number,
      title: certificates.title,
      status: certificates.status,
      code: certificates.verificationCode,
    })
    .from(certificates)
    .orderBy(asc(certificates.createdAt))
    .limit(3);
  return {
    ...base,
    certificates: rows.map((r) => ({
      label: `${r.title} ${r.number} (${r.status})`,
      code: r.code,
    })),
  };
}
