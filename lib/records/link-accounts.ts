import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pgArray, type Tx } from '@/db/client';

// Linking awards to lockers (seed 000 §2.7–2.8; spec/records-csv.md "Account linking"):
// 1. Aadhaar given → an account with that Aadhaar + name + DOB + gender;
// 2. otherwise, or not found → mobile + name + DOB + gender;
// 3. found → link; not found and Aadhaar or mobile given → create the citizen account, link,
//    and send the sign-in SMS; neither given → unlinked until the citizen claims it.
// Names compare after normalising case, spaces and punctuation.

export type LinkInput = {
  key: number; // the row number
  name: string;
  dob: string | null;
  gender: string | null;
  mobile: string | null;
  email: string | null;
  aadhaarVaultId: string | null;
};

export type Candidate = {
  id: string;
  name: string | null;
  dob: string | null;
  gender: string | null;
  mobile: string | null;
  aadhaarVaultId: string | null;
};

export type NewAccount = {
  id: string;
  name: string;
  dob: string | null;
  gender: string | null;
  mobile: string | null;
  email: string | null;
  aadhaarVaultId: string | null;
};

export type LinkOutcome = {
  /** Row number → user id (absent: left unlinked). */
  linked: Map<number, string>;
  created: NewAccount[];
};

export function normaliseName(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function matches(c: Candidate, r: LinkInput): boolean {
  return (
    c.dob === r.dob &&
    c.gender === r.gender &&
    c.dob !== null &&
    normaliseName(c.name) !== '' &&
    normaliseName(c.name) === normaliseName(r.name)
  );
}

/**
 * Decides, for a batch of rows, which account each links to and which accounts to create.
 * Pure: `byAadhaar` and `byMobile` are the existing accounts for the batch's identifiers.
 */
export function decideLinks(
  rows: LinkInput[],
  byAadhaar: Map<string, Candidate>,
  byMobile: Map<string, Candidate>,
  takenEmails: Set<string>,
): LinkOutcome {
  const linked = new Map<number, string>();
  const created: NewAccount[] = [];
  const aadhaar = new Map(byAadhaar);
  const mobile = new Map(byMobile);
  const emails = new Set(takenEmails);
  for (const r of rows) {
    const viaAadhaar = r.aadhaarVaultId ? aadhaar.get(r.aadhaarVaultId) : undefined;
    if (viaAadhaar && matches(viaAadhaar, r)) {
      linked.set(r.key, viaAadhaar.id);
      continue;
    }
    const viaMobile = r.mobile ? mobile.get(r.mobile) : undefined;
    if (viaMobile && matches(viaMobile, r)) {
      linked.set(r.key, viaMobile.id);
      continue;
    }
    // Not found. A number that already belongs to someone else cannot open a second account:
    // the award stays unlinked rather than reach the wrong locker.
    if (viaMobile || (viaAadhaar && !r.mobile)) continue;
    if (!r.mobile && !r.aadhaarVaultId) continue;
    const account: NewAccount = {
      id: randomUUID(),
      name: r.name,
      dob: r.dob,
      gender: r.gender,
      mobile: r.mobile,
      email: r.email && !emails.has(r.email) ? r.email : null,
      aadhaarVaultId: r.aadhaarVaultId && !viaAadhaar ? r.aadhaarVaultId : null,
    };
    created.push(account);
    linked.set(r.key, account.id);
    if (account.email) emails.add(account.email);
    const candidate: Candidate = { ...account };
    if (account.mobile) mobile.set(account.mobile, candidate);
    if (account.aadhaarVaultId) aadhaar.set(account.aadhaarVaultId, candidate);
  }
  return { linked, created };
}

type UserRow = Candidate & { email: string | null };

/** Loads the candidates, decides, and creates the new citizen accounts in `tx`. */
export async function linkRecipients(tx: Tx, rows: LinkInput[]): Promise<LinkOutcome> {
  const vaultIds = [...new Set(rows.map((r) => r.aadhaarVaultId).filter(Boolean))] as string[];
  const mobiles = [...new Set(rows.map((r) => r.mobile).filter(Boolean))] as string[];
  const emails = [...new Set(rows.map((r) => r.email).filter(Boolean))] as string[];
  const found = (await tx.execute(sql`
    select id, name, dob::text as dob, gender::text as gender, mobile, email,
           aadhaar_vault_id as "aadhaarVaultId"
    from users
    where status = 'active' and id in (
      select id from users where aadhaar_vault_id = any(${pgArray(vaultIds)}::uuid[])
      union select id from users where mobile = any(${pgArray(mobiles)}::text[])
      union select id from users where email = any(${pgArray(emails)}::text[]))`)) as unknown as UserRow[];
  const byAadhaar = new Map<string, Candidate>();
  const byMobile = new Map<string, Candidate>();
  const taken = new Set<string>();
  for (const u of found) {
    if (u.aadhaarVaultId) byAadhaar.set(u.aadhaarVaultId, u);
    if (u.mobile) byMobile.set(u.mobile, u);
    if (u.email) taken.add(u.email);
  }
  const outcome = decideLinks(rows, byAadhaar, byMobile, taken);
  if (outcome.created.length === 0) return outcome;

  const c = outcome.created;
  const inserted = (await tx.execute(sql`
    insert into users (id, name, dob, gender, mobile, email, aadhaar_vault_id)
    select * from unnest(${pgArray(c.map((a) => a.id))}::uuid[],
      ${pgArray(c.map((a) => a.name))}::text[], ${pgArray(c.map((a) => a.dob))}::date[],
      ${pgArray(c.map((a) => a.gender))}::gender[], ${pgArray(c.map((a) => a.mobile))}::text[],
      ${pgArray(c.map((a) => a.email))}::text[],
      ${pgArray(c.map((a) => a.aadhaarVaultId))}::uuid[])
    on conflict do nothing
    returning id`)) as unknown as { id: string }[];
  const ok = new Set(inserted.map((r) => r.id));
  if (ok.size > 0)
    await tx.execute(sql`
      insert into memberships (user_id, role)
      select unnest(${pgArray([...ok])}::uuid[]), 'citizen'
      on conflict do nothing`);
  // An account someone else created a moment ago (a concurrent sign-up) is not ours to link.
  const createdIds = new Set(c.map((a) => a.id));
  for (const [key, userId] of outcome.linked)
    if (createdIds.has(userId) && !ok.has(userId)) outcome.linked.delete(key);
  outcome.created = c.filter((a) => ok.has(a.id));
  return outcome;
}
