import { describe, expect, it } from 'vitest';
import { holderMatches, isoDob, readUid, type HolderClaims, type HolderOnRecord } from './holder';

const record: HolderOnRecord = {
  name: 'Asha Sharma',
  dob: '2001-05-14',
  aadhaarVaultId: 'vault-1',
};
const claims = (c: Partial<HolderClaims>): HolderClaims => ({ name: '', dob: '', uid: null, ...c });

describe('whether a Pull URI request describes the holder', () => {
  it('needs the Aadhaar number, or both the name and the date of birth', () => {
    expect(holderMatches(claims({ uid: { vaultId: 'vault-1' } }), record)).toBe(true);
    expect(holderMatches(claims({ name: 'ASHA  sharma', dob: '14-05-2001' }), record)).toBe(true);
    expect(holderMatches(claims({ name: 'Asha Sharma' }), record)).toBe(false);
    expect(holderMatches(claims({ dob: '14/05/2001' }), record)).toBe(false);
    expect(holderMatches(claims({}), record)).toBe(false);
  });

  it('refuses when any field it carries disagrees', () => {
    const uid = { vaultId: 'vault-1' };
    expect(holderMatches(claims({ uid, name: 'Someone Else' }), record)).toBe(false);
    expect(holderMatches(claims({ uid, dob: '15-05-2001' }), record)).toBe(false);
    expect(holderMatches(claims({ uid, dob: 'yesterday' }), record)).toBe(false);
    expect(
      holderMatches(
        claims({ uid: { vaultId: 'vault-2' }, name: 'Asha Sharma', dob: '14-05-2001' }),
        record,
      ),
    ).toBe(false);
    expect(
      holderMatches(claims({ uid: 'unreadable', name: 'Asha Sharma', dob: '14-05-2001' }), record),
    ).toBe(false);
  });

  it('takes a field the record lacks as no evidence either way', () => {
    const noAadhaar = { ...record, aadhaarVaultId: null };
    const both = { name: 'Asha Sharma', dob: '14-05-2001' };
    expect(holderMatches(claims({ ...both, uid: { vaultId: 'vault-9' } }), noAadhaar)).toBe(true);
    expect(holderMatches(claims({ uid: { vaultId: 'vault-9' } }), noAadhaar)).toBe(false);
    const noDob = { ...record, dob: null };
    expect(holderMatches(claims(both), noDob)).toBe(false);
    expect(holderMatches(claims({ ...both, uid: { vaultId: 'vault-1' } }), noDob)).toBe(true);
  });

  it('never matches on a name that normalises to nothing', () => {
    expect(
      holderMatches(claims({ name: '. -', dob: '14-05-2001' }), { ...record, name: '..' }),
    ).toBe(false);
  });

  it('reads the UID and the date of birth in the forms DigiLocker sends', () => {
    expect(readUid(' 2341 2341 2346 ')).toEqual({ digits: '234123412346' });
    expect(readUid('0cc175b9c0f1b6a831c399e269772661')).toBe('md5');
    expect(readUid('XXXXXXXX2346')).toBe('unreadable');
    expect(readUid('')).toBeNull();
    expect(isoDob('14-05-2001')).toBe('2001-05-14');
    expect(isoDob('2001-05-14')).toBe('2001-05-14');
    expect(isoDob('14.05.2001')).toBeNull();
  });
});
