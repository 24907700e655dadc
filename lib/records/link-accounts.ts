import 'server-only';
import type postgres from 'postgres';
import { timeOrderedUuid } from '@/db/ids';
import { pgArray } from '@/db/client';

// Linking awards to lockers (seed 000 §2.7–2.8; spec/records-csv.md "Account linking"):
// 1. Aadhaar given → an account with that Aadhaar + name + DOB + gender;
// 2. otherwise, or not found → mobile + name + DOB + gender;
// 3. found → link; not found and Aadhaar or mobile given → create the citizen account, link,
//    and send the sign-in SMS; neither given → unlinked until the citizen claims it.
// The row's EMAIL is a contact detail on the certificate, never put on an account: whoever owns
// that address has not proved to be this person, so it must not become a way to sign in.
// Names compare after normalising case, spaces and punctuation.

export type LinkInput = {
  key: number; // the row number
  name: string;
  dob: string | null;
  gender: string | null;
  mobile: string | null;
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
  aadhaarVaultId: string | null;
};

export type LinkOutcome = {
  /** Row number → user id (absent: left unlinked). */
  linked: Map<number, string>;
  created: NewAccount[];
  /** The mobile numbers of existing accounts that an award was linked to (each once). */
  reached: string[];
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
): LinkOutcome {
  const linked = new Map<number, string>();
  const created: NewAccount[] = [];
  const createdIds = new Set<string>();
  const reached = new Set<string>();
  const aadhaar = new Map(byAadhaar);
  const mobile = new Map(byMobile);
  const link = (r: LinkInput, to: Candidate) => {
    linked.set(r.key, to.id);
    if (to.mobile && !createdIds.has(to.id)) reached.add(to.mobile);
  };
  for (const r of rows) {
    const viaAadhaar = r.aadhaarVaultId ? aadhaar.get(r.aadhaarVaultId) : undefined;
    if (viaAadhaar && matches(viaAadhaar, r)) {
      link(r, viaAadhaar);
      continue;
    }
    const viaMobile = r.mobile ? mobile.get(r.mobile) : undefined;
    if (viaMobile && matches(viaMobile, r)) {
      link(r, viaMobile);
      continue;
    }
    // Not found. A number that already belongs to someone else cannot open a second account:
    // the award stays unlinked rather than reach the wrong locker.
    if (viaMobile || (viaAadhaar && !r.mobile)) continue;
    if (!r.mobile && !r.aadhaarVaultId) continue;
    const account: NewAccount = {
      id: timeOrderedUuid(),
      name: r.name,
      dob: r.dob,
      gender: r.gender,
      mobile: r.mobile,
      aadhaarVaultId: r.aadhaarVaultId && !viaAadhaar ? r.aadhaarVaultId : null,
    };
    created.push(account);
    createdIds.add(account.id);
    linked.set(r.key, account.id);
    const candidate: Candidate = { ...account };
    if (account.mobile) mobile.set(account.mobile, candidate);
    if (account.aadhaarVaultId) aadhaar.set(account.aadhaarVaultId, candidate);
  }
  return { linked, created, reached: [...reached] };
}

type UserRow = Candidate;

/** The identifiers a batch looks existing accounts up by, as array parameters. */
export type LinkLookup = { vaultIds: string; mobiles: string };

/** Pure, so a caller can build it before the transaction that links. */
export function linkLookupOf(rows: LinkInput[]): LinkLookup {
  const vaultIds = new Set<string>();
  const mobiles = new Set<string>();
  for (const r of rows) {
    if (r.aadhaarVaultId) vaultIds.add(r.aadhaarVaultId);
    if (r.mobile) mobiles.add(r.mobile);
  }
  return { vaultIds: pgArray([...vaultIds]), mobiles: pgArray([...mobiles]) };
}

// The steps below take a postgres.js connection (in a transaction, except where said) and
// return the query without awaiting it, so that a caller can send it together with other
// statements: one round trip for several.

/** Step 1: the active accounts with any of the batch's Aadhaar or mobile. */
export function findCandidates(q: postgres.Sql, lookup: LinkLookup) {
  return q<UserRow[]>`
    select id, name, dob::text as dob, gender::text as gender, mobile,
           aadhaar_vault_id as "aadhaarVaultId"
    from users
    where status = 'active' and id in (
      select id from users where aadhaar_vault_id = any(${lookup.vaultIds}::uuid[])
      union select id from users where mobile = any(${lookup.mobiles}::text[]))`;
}

// Deciding ahead of the transaction: step 1 outside it, with a fingerprint of everything the
// decision read (md5 over the candidates in id order; '' for none), and `candidatesUnchanged` in
// the transaction, which fails unless the same query still gives the same fingerprint.
//
// When no account was found, the check is left out: each Aadhaar and mobile the rows were looked
// up by then goes into an account the chunk creates, whose insert, made to fail rather than skip,
// refuses one that someone else holds by now.

/** Step 1, outside a transaction: the candidates and their fingerprint. */
export async function findCandidatesAhead(
  q: postgres.Sql,
  lookup: LinkLookup,
): Promise<{ found: UserRow[]; fingerprint: string }> {
  const found = await q<(UserRow & { fingerprint: string })[]>`
    select id, name, dob::text as dob, gender::text as gender, mobile,
           aadhaar_vault_id as "aadhaarVaultId",
           md5(string_agg(row(id, name, dob, gender, mobile, aadhaar_vault_id)::text, ',')
               over (order by id rows between unbounded preceding and unbounded following))
             as fingerprint
    from users
    where status = 'active' and id in (
      select id from users where aadhaar_vault_id = any(${lookup.vaultIds}::uuid[])
      union select id from users where mobile = any(${lookup.mobiles}::text[]))`;
  return { found, fingerprint: found[0]?.fingerprint ?? '' };
}

/** In the transaction: an error (division by zero, 22012) unless the candidates are unchanged. */
export function candidatesUnchanged(q: postgres.Sql, lookup: LinkLookup, fingerprint: string) {
  return q`
    select 1 / (coalesce((
      select md5(string_agg(row(id, name, dob, gender, mobile, aadhaar_vault_id)::text, ','
                            order by id))
      from users
      where status = 'active' and id in (
        select id from users where aadhaar_vault_id = any(${lookup.vaultIds}::uuid[])
        union select id from users where mobile = any(${lookup.mobiles}::text[]))), '')
      = ${fingerprint}::text)::int as unchanged`;
}

/** Step 2 (pure): which account each row links to, and the accounts to create. */
export function decideFromCandidates(rows: LinkInput[], found: readonly UserRow[]): LinkOutcome {
  const byAadhaar = new Map<string, Candidate>();
  const byMobile = new Map<string, Candidate>();
  for (const u of found) {
    if (u.aadhaarVaultId) byAadhaar.set(u.aadhaarVaultId, u);
    if (u.mobile) byMobile.set(u.mobile, u);
  }
  return decideLinks(rows, byAadhaar, byMobile);
}

/**
 * The accounts to create, column by column as array parameters, with the ids of their citizen
 * roles (`memberships`: time-ordered, as the accounts' own, see db/ids.ts).
 */
export type AccountColumns = Record<
  'id' | 'name' | 'dob' | 'gender' | 'mobile' | 'aadhaarVaultId' | 'roleId',
  string
>;

export function accountColumnsOf(c: NewAccount[]): AccountColumns {
  return {
    id: pgArray(c.map((a) => a.id)),
    roleId: pgArray(c.map(() => timeOrderedUuid())),
    name: pgArray(c.map((a) => a.name)),
    dob: pgArray(c.map((a) => a.dob)),
    gender: pgArray(c.map((a) => a.gender)),
    mobile: pgArray(c.map((a) => a.mobile)),
    aadhaarVaultId: pgArray(c.map((a) => a.aadhaarVaultId)),
  };
}

/**
 * Step 3 as a part of a statement: inserts the accounts, returning the ids created. An account
 * whose Aadhaar or mobile someone else holds by now is skipped, or fails the statement
 * (cheaper when none is expected: no speculative insertion).
 */
export function accountsInsert(
  q: postgres.Sql,
  c: AccountColumns,
  onTaken: 'skip' | 'fail' = 'skip',
) {
  const insert = q`
    insert into users (id, name, dob, gender, mobile, aadhaar_vault_id)
    select * from unnest(${c.id}::uuid[], ${c.name}::text[], ${c.dob}::date[],
      ${c.gender}::gender[], ${c.mobile}::text[], ${c.aadhaarVaultId}::uuid[])`;
  return onTaken === 'skip'
    ? q`${insert} on conflict do nothing returning id`
    : q`${insert} returning id`;
}

/**
 * As a part of a statement after `u` (`accountsInsert`): the citizen role of each account `u`
 * created. The accounts are new, so the role cannot exist yet; an account skipped (a concurrent
 * sign-up) gets none.
 */
export function citizenRolesInsert(q: postgres.Sql, c: AccountColumns) {
  return q`
    insert into memberships (id, user_id, role)
    select x.role_id, x.id, 'citizen'
    from unnest(${c.id}::uuid[], ${c.roleId}::uuid[]) as x(id, role_id)
    where x.id in (select id from u)`;
}
