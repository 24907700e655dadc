// STYLE.md 2: roles × actions as data, in one place. Unknown role or action → deny.

export const ROLES = [
  'citizen',
  'institution_owner',
  'institution_operator',
  'course_author',
  'course_mentor',
  'state_admin',
  'verifier',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const AREAS = ['locker', 'institution', 'courses', 'verifier', 'admin'] as const;
export type Area = (typeof AREAS)[number];

/** Every action the platform checks. The `*.view` actions open a role area. */
export const ACTIONS = [
  'locker.view',
  'locker.documents.manage',
  'locker.consent.manage',
  'institution.view',
  'institution.manage',
  'institution.members.manage',
  'records.upload',
  'records.publish',
  'certificates.revoke',
  'courses.view',
  'courses.templates.manage',
  'courses.issue',
  'courses.reports.view',
  'state.teachers.manage',
  'verifier.view',
  'verifier.consent.request',
  'verifier.documents.fetch',
  'admin.view',
  'admin.organisations.approve',
  'admin.members.manage',
  'admin.audit.view',
  'admin.partners.manage',
  'admin.keys.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  citizen: ['locker.view', 'locker.documents.manage', 'locker.consent.manage'],
  institution_owner: [
    'institution.view',
    'institution.manage',
    'institution.members.manage',
    'records.upload',
    'records.publish',
    'certificates.revoke',
  ],
  institution_operator: ['institution.view', 'records.upload', 'records.publish'],
  course_author: ['courses.view', 'courses.templates.manage', 'courses.reports.view'],
  course_mentor: ['courses.view', 'courses.issue', 'courses.reports.view'],
  state_admin: ['courses.view', 'courses.issue', 'courses.reports.view', 'state.teachers.manage'],
  verifier: ['verifier.view', 'verifier.consent.request', 'verifier.documents.fetch'],
  platform_admin: [
    'admin.view',
    'admin.organisations.approve',
    'admin.members.manage',
    'admin.audit.view',
    'admin.partners.manage',
    'admin.keys.manage',
  ],
};

/** The action that opens each role area. */
export const AREA_ACTION: Readonly<Record<Area, Action>> = {
  locker: 'locker.view',
  institution: 'institution.view',
  courses: 'courses.view',
  verifier: 'verifier.view',
  admin: 'admin.view',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** May a holder of `role` perform `action`? Deny by default, including unknown names. */
export function roleCan(role: string, action: string): boolean {
  if (!isRole(role)) return false;
  return (PERMISSIONS[role] as readonly string[]).includes(action);
}

export type MembershipLike = { role: string; orgId: string | null };

/**
 * The memberships of a user that allow `action`, optionally only within one organisation.
 * Empty means denied.
 */
export function grantingMemberships<M extends MembershipLike>(
  memberships: readonly M[],
  action: string,
  orgId?: string,
): M[] {
  return memberships.filter(
    (m) => roleCan(m.role, action) && (orgId === undefined || m.orgId === orgId),
  );
}

export function areasFor(memberships: readonly MembershipLike[]): Area[] {
  return AREAS.filter((a) => grantingMemberships(memberships, AREA_ACTION[a]).length > 0);
}

/** Where a user lands after signing in: the most specific area they hold. */
export function homeArea(memberships: readonly MembershipLike[]): Area {
  const areas = areasFor(memberships);
  for (const a of ['admin', 'institution', 'courses', 'verifier', 'locker'] as const) {
    if (areas.includes(a)) return a;
  }
  return 'locker';
}
