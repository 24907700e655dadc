import { describe, expect, it } from 'vitest';
import { decideLinks, type Candidate, type LinkInput } from './link-accounts';

const row = (key: number, over: Partial<LinkInput> = {}): LinkInput => ({
  key,
  name: 'Asha Devi',
  dob: '2004-08-14',
  gender: 'F',
  mobile: null,
  aadhaarVaultId: null,
  ...over,
});

describe('decideLinks', () => {
  it('lists each existing account an award reached once, and no account it creates', () => {
    const asha: Candidate = {
      id: 'u-asha',
      name: 'ASHA  devi',
      dob: '2004-08-14',
      gender: 'F',
      mobile: '9000000101',
      aadhaarVaultId: 'v-asha',
    };
    const other: Candidate = { ...asha, id: 'u-other', name: 'Someone Else', mobile: '9000000102' };
    const outcome = decideLinks(
      [
        row(1, { mobile: '9000000101' }), // Asha, by mobile
        row(2, { aadhaarVaultId: 'v-asha' }), // Asha again, by Aadhaar
        row(3, { mobile: '9000000102' }), // the number is someone else's: unlinked
        row(4, { name: 'Ravi', gender: 'M', mobile: '9000000103' }), // a new account
        row(5, { name: 'Ravi', gender: 'M', mobile: '9000000103' }), // linked to it
      ],
      new Map([['v-asha', asha]]),
      new Map([
        ['9000000101', asha],
        ['9000000102', other],
      ]),
    );
    expect(outcome.reached).toEqual(['9000000101']);
    expect([...outcome.linked]).toEqual([
      [1, 'u-asha'],
      [2, 'u-asha'],
      [4, outcome.created[0]!.id],
      [5, outcome.created[0]!.id],
    ]);
    expect(outcome.created.map((a) => a.mobile)).toEqual(['9000000103']);
  });
});
