import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  AREA_ACTION,
  PERMISSIONS,
  ROLES,
  areasFor,
  grantingMemberships,
  homeArea,
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
