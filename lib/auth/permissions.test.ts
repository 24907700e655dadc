import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  AREA_ACTION,
  PERMISSIONS,
  ROLES,
  areasFor,
  grantingMemberships,
  homeArea,
  isRole,
  roleCan,
} from './permissions';

describe('permission table', () => {
  it('denies an unknown role', () => {
    expect(roleCan('superuser', 'admin.view')).toBe(false);
    expect(roleCan('', 'locker.view')).toBe(false);
  });

  it('denies an unknown action, even to a platform admin', () => {
    expect(roleCan('platform_admin', 'admin.everything')).toBe(false);
    expect(roleCan('platform_admin', '')).toBe(false);
  });

  it('lists only known actions for every role', () => {
    for (const role of ROLES) for (const a of PERMISSIONS[role]) expect(ACTIONS).toContain(a);
  });

  it('keeps a citizen out of admin and institution areas', () => {
    const citizen = [{ role: 'citizen', orgId: null }];
    expect(areasFor(citizen)).toEqual(['locker']);
    expect(grantingMemberships(citizen, AREA_ACTION.admin)).toEqual([]);
  });

  it('scopes a grant to the organisation of the membership', () => {
    const operator = [{ role: 'institution_operator', orgId: 'org-a' }];
    expect(grantingMemberships(operator, 'records.upload', 'org-a')).toHaveLength(1);
    expect(grantingMemberships(operator, 'records.upload', 'org-b')).toHaveLength(0);
    expect(grantingMemberships(operator, 'certificates.revoke', 'org-a')).toHaveLength(0);
  });

  it('lands each role in its own area', () => {
    expect(
      homeArea([
        { role: 'citizen', orgId: null },
        { role: 'platform_admin', orgId: 'p' },
      ]),
    ).toBe('admin');
    expect(
      homeArea([
        { role: 'citizen', orgId: null },
        { role: 'course_mentor', orgId: 's' },
      ]),
    ).toBe('courses');
    expect(homeArea([{ role: 'verifier', orgId: 'v' }])).toBe('verifier');
    expect(homeArea([])).toBe('locker');
  });
});

describe('the whole roles × actions table', () => {
  // Written out cell by cell, so a grant added or lost anywhere fails here, not only the grants
  // that open an area.
  const GRANTS: Record<string, string[]> = {
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

  it('knows exactly these roles and actions', () => {
    expect([...ROLES]).toEqual(Object.keys(GRANTS));
    // Every action is granted to some role: an action nobody holds is a typo or dead code.
    expect([...ACTIONS].sort()).toEqual([...new Set(Object.values(GRANTS).flat())].sort());
  });

  it('grants every role exactly its cells and nothing else', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, ACTIONS.filter((action) => roleCan(role, action))]),
    );
    expect(table).toEqual(GRANTS);
  });

  it('never lets a citizen, an operator, a verifier or a course role revoke a certificate', () => {
    const revokers = ROLES.filter((r) => roleCan(r, 'certificates.revoke'));
    expect(revokers).toEqual(['institution_owner']);
  });

  it('opens each area with its own view action', () => {
    expect(AREA_ACTION).toEqual({
      locker: 'locker.view',
      institution: 'institution.view',
      courses: 'courses.view',
      verifier: 'verifier.view',
      admin: 'admin.view',
    });
  });

  it('recognises only the listed roles', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    expect(isRole('Citizen')).toBe(false);
    expect(isRole('admin')).toBe(false);
    expect(isRole('')).toBe(false);
  });

  it('does not let an inherited object property pass as a role or an action', () => {
    expect(roleCan('constructor', 'locker.view')).toBe(false);
    expect(roleCan('toString', 'toString')).toBe(false);
    expect(roleCan('citizen', 'length')).toBe(false);
  });
});

describe('memberships and areas', () => {
  const staff = [
    { role: 'citizen', orgId: null },
    { role: 'institution_owner', orgId: 'org-a' },
    { role: 'institution_operator', orgId: 'org-b' },
    { role: 'verifier', orgId: 'v' },
  ];

  it('without an organisation, returns every membership that grants the action', () => {
    expect(grantingMemberships(staff, 'records.upload')).toEqual([staff[1], staff[2]]);
    expect(grantingMemberships(staff, 'locker.view')).toEqual([staff[0]]);
    expect(grantingMemberships(staff, 'admin.view')).toEqual([]);
  });

  it('within an organisation, returns only that organisation’s granting memberships', () => {
    expect(grantingMemberships(staff, 'records.upload', 'org-b')).toEqual([staff[2]]);
    expect(grantingMemberships(staff, 'certificates.revoke', 'org-b')).toEqual([]);
    expect(grantingMemberships(staff, 'certificates.revoke', 'org-a')).toEqual([staff[1]]);
  });

  it('lists the areas a person holds in the fixed order', () => {
    expect(areasFor(staff)).toEqual(['locker', 'institution', 'verifier']);
    expect(areasFor([])).toEqual([]);
    expect(
      areasFor([
        { role: 'platform_admin', orgId: 'p' },
        { role: 'state_admin', orgId: 's' },
      ]),
    ).toEqual(['courses', 'admin']);
  });

  it('lands a person in the most specific area: admin, institution, courses, verifier, locker', () => {
    const m = (role: string) => ({ role, orgId: 'o' });
    const all = [m('citizen'), m('verifier'), m('course_author'), m('institution_operator')];
    expect(homeArea([...all, m('platform_admin')])).toBe('admin');
    expect(homeArea(all)).toBe('institution');
    expect(homeArea(all.slice(0, 3))).toBe('courses');
    expect(homeArea(all.slice(0, 2))).toBe('verifier');
    expect(homeArea(all.slice(0, 1))).toBe('locker');
    expect(homeArea([m('unknown')])).toBe('locker');
  });
});
