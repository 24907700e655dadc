import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { institutionProfiles, institutionRegistry, organisations } from '@/db/schema';

// Demo entries of the approved list; the first is the demo institution of db/seed.ts.
const ENTRIES = [
  {
    name: 'Demo Skills Institute, Pune',
    code: 'in.sanad.demoskills',
    kind: 'training_provider',
    city: 'Pune',
    state: 'Maharashtra',
  },
  {
    name: 'Savitribai Phule Pune University',
    code: 'in.sanad.sppu',
    kind: 'university',
    city: 'Pune',
    state: 'Maharashtra',
  },
  {
    name: 'Electronics Sector Skills Council of India',
    code: 'in.sanad.essci',
    kind: 'skill_council',
    city: 'New Delhi',
    state: 'Delhi',
  },
  {
    name: 'Maharashtra State Board of Skill Development',
    code: 'in.sanad.msbsd',
    kind: 'board',
    city: 'Mumbai',
    state: 'Maharashtra',
  },
  {
    name: 'Government Industrial Training Institute, Aundh',
    code: 'in.sanad.itiaundh',
    kind: 'institute',
    city: 'Pune',
    state: 'Maharashtra',
  },
] as const;

/** Idempotent: runs on every start; existing entries and profiles are left as they are. */
export async function seedDemoRegistry(db: Db): Promise<void> {
  await db
    .insert(institutionRegistry)
    .values(ENTRIES.map((e) => ({ ...e, status: 'listed' as const })))
    .onConflictDoNothing({ target: institutionRegistry.code });
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, ENTRIES[0].code));
  if (!org) return;
  await db
    .update(institutionRegistry)
    .set({ orgId: org.id })
    .where(and(eq(institutionRegistry.code, ENTRIES[0].code), isNull(institutionRegistry.orgId)));
  const [entry] = await db
    .select({ id: institutionRegistry.id })
    .from(institutionRegistry)
    .where(
      and(eq(institutionRegistry.code, ENTRIES[0].code), eq(institutionRegistry.orgId, org.id)),
    );
  if (!entry) return;
  await db
    .insert(institutionProfiles)
    .values({
      orgId: org.id,
      registryId: entry.id,
      address: 'Survey No. 12, Aundh Road, Pune, Maharashtra 411007',
      website: 'https://demoskills.example.org',
    })
    .onConflictDoNothing({ target: institutionProfiles.orgId });
}
