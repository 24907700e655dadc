import { describe, expect, it } from 'vitest';
import {
  accountColumnsOf,
  decideFromCandidates,
  decideLinks,
  linkLookupOf,
  normaliseName,
  type Candidate,
  type LinkInput,
} from './link-accounts';

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

describe('decideLinks: who an award reaches', () => {
  const asha: Candidate = {
    id: 'u-asha',
    name: 'Asha Devi',
    dob: '2004-08-14',
    gender: 'F',
    mobile: '9000000201',
    aadhaarVaultId: 'v-asha',
  };
  const byAadhaar = new Map([['v-asha', asha]]);
  const byMobile = new Map([['9000000201', asha]]);

  it.each([
    ['by Aadhaar', { aadhaarVaultId: 'v-asha' }],
    ['by mobile', { mobile: '9000000201' }],
  ])('links %s when name, date of birth and gender all match', (_, ids) => {
    const out = decideLinks([row(1, ids)], byAadhaar, byMobile);
    expect([...out.linked]).toEqual([[1, 'u-asha']]);
    expect(out.created).toEqual([]);
    expect(out.reached).toEqual(['9000000201']);
  });

  it('compares names after case, spaces and punctuation, and nothing more', () => {
    const link = (name: string) =>
      decideLinks([row(1, { name, mobile: '9000000201' })], byAadhaar, byMobile).linked.get(1);
    expect(link(' asha-DEVI. ')).toBe('u-asha');
    expect(link('Asha Devii')).toBeUndefined();
  });

  // Each detail alone differs from the account's: the award must not reach that locker.
  const differs: [string, Partial<LinkInput>][] = [
    ['the date of birth', { dob: '2004-08-15' }],
    ['a missing date of birth', { dob: null }],
    ['the gender', { gender: 'M' }],
    ['a missing gender', { gender: null }],
    ['the name', { name: 'Asha Kumari' }],
    ['a missing name', { name: '' }],
  ];
  describe.each([
    ['Aadhaar', { aadhaarVaultId: 'v-asha' }],
    ['mobile', { mobile: '9000000201' }],
    ['Aadhaar and mobile', { aadhaarVaultId: 'v-asha', mobile: '9000000201' }],
  ])('found by %s', (_, ids) => {
    it.each(differs)('is not linked when only %s differs', (__, over) => {
      const out = decideLinks([row(1, { ...ids, ...over })], byAadhaar, byMobile);
      expect(out.linked.has(1)).toBe(false);
      // The identifier is someone's already: no second account with it either.
      expect(out.created).toEqual([]);
      expect(out.reached).toEqual([]);
    });
  });

  it('does not match an account that holds no date of birth or no name, even to a row without', () => {
    const blank: Candidate = { ...asha, dob: null, name: null };
    const out = decideLinks(
      [row(1, { dob: null, name: '', mobile: '9000000201' })],
      new Map(),
      new Map([['9000000201', blank]]),
    );
    expect(out.linked.size).toBe(0);
    const noName: Candidate = { ...asha, name: '  ' };
    const out2 = decideLinks(
      [row(1, { name: '.', mobile: '9000000201' })],
      new Map(),
      new Map([['9000000201', noName]]),
    );
    expect(out2.linked.size).toBe(0);
  });

  it('falls back to the mobile when the Aadhaar account does not match, and links there', () => {
    const other: Candidate = { ...asha, id: 'u-other', name: 'Other Person', mobile: '9000000299' };
    const out = decideLinks(
      [row(1, { aadhaarVaultId: 'v-other', mobile: '9000000201' })],
      new Map([['v-other', other]]),
      byMobile,
    );
    expect([...out.linked]).toEqual([[1, 'u-asha']]);
    expect(out.reached).toEqual(['9000000201']);
  });

  it('opens no account for an Aadhaar someone holds when the row has no mobile', () => {
    const out = decideLinks(
      [row(1, { aadhaarVaultId: 'v-asha', name: 'Someone Else' })],
      byAadhaar,
      new Map(),
    );
    expect(out.linked.size).toBe(0);
    expect(out.created).toEqual([]);
  });

  it('opens an account with the mobile but not the Aadhaar someone else holds', () => {
    const out = decideLinks(
      [row(1, { aadhaarVaultId: 'v-asha', name: 'Someone Else', mobile: '9000000202' })],
      byAadhaar,
      new Map(),
    );
    expect(out.created).toEqual([
      {
        id: out.linked.get(1),
        name: 'Someone Else',
        dob: '2004-08-14',
        gender: 'F',
        mobile: '9000000202',
        aadhaarVaultId: null,
      },
    ]);
    expect(out.reached).toEqual([]);
  });

  it('opens an account from Aadhaar alone and links the next row with it there', () => {
    const out = decideLinks(
      [row(1, { aadhaarVaultId: 'v-new' }), row(2, { aadhaarVaultId: 'v-new' })],
      new Map(),
      new Map(),
    );
    expect(out.created).toHaveLength(1);
    expect(out.created[0]).toMatchObject({ aadhaarVaultId: 'v-new', mobile: null });
    expect(out.linked.get(1)).toBe(out.created[0]!.id);
    expect(out.linked.get(2)).toBe(out.created[0]!.id);
    expect(out.reached).toEqual([]);
  });

  it('leaves a row with neither Aadhaar nor mobile unlinked, with no account', () => {
    const out = decideLinks([row(1)], byAadhaar, byMobile);
    expect(out.linked.size).toBe(0);
    expect(out.created).toEqual([]);
  });

  it('tells an existing account without a mobile nothing, and each number once', () => {
    const noMobile: Candidate = { ...asha, mobile: null };
    const out = decideLinks(
      [row(1, { aadhaarVaultId: 'v-asha' }), row(2, { aadhaarVaultId: 'v-asha' })],
      new Map([['v-asha', noMobile]]),
      new Map(),
    );
    expect(out.linked.size).toBe(2);
    expect(out.reached).toEqual([]);
  });
});

describe('the steps around the decision', () => {
  it('looks accounts up by each Aadhaar and mobile of the batch once', () => {
    expect(
      linkLookupOf([
        row(1, { aadhaarVaultId: 'v1', mobile: '9000000301' }),
        row(2, { aadhaarVaultId: 'v1', mobile: null }),
        row(3, { mobile: '9000000302' }),
      ]),
    ).toEqual({ vaultIds: '{"v1"}', mobiles: '{"9000000301","9000000302"}' });
    expect(linkLookupOf([row(1)])).toEqual({ vaultIds: '{}', mobiles: '{}' });
  });

  it('files the candidates found under their Aadhaar and their mobile', () => {
    const found: Candidate[] = [
      {
        id: 'u1',
        name: 'Asha Devi',
        dob: '2004-08-14',
        gender: 'F',
        mobile: null,
        aadhaarVaultId: 'v1',
      },
      {
        id: 'u2',
        name: 'Asha Devi',
        dob: '2004-08-14',
        gender: 'F',
        mobile: '9000000401',
        aadhaarVaultId: null,
      },
    ];
    const out = decideFromCandidates(
      [row(1, { aadhaarVaultId: 'v1' }), row(2, { mobile: '9000000401' })],
      found,
    );
    expect([...out.linked]).toEqual([
      [1, 'u1'],
      [2, 'u2'],
    ]);
    expect(out.created).toEqual([]);
  });

  it('gives the accounts to create as array parameters, column by column', () => {
    const cols = accountColumnsOf([
      {
        id: 'a1',
        name: 'Asha',
        dob: '2004-08-14',
        gender: 'F',
        mobile: '9000000501',
        aadhaarVaultId: null,
      },
      { id: 'a2', name: 'Ravi', dob: null, gender: null, mobile: null, aadhaarVaultId: 'v2' },
    ]);
    expect(cols).toMatchObject({
      id: '{"a1","a2"}',
      name: '{"Asha","Ravi"}',
      dob: '{"2004-08-14",NULL}',
      gender: '{"F",NULL}',
      mobile: '{"9000000501",NULL}',
      aadhaarVaultId: '{NULL,"v2"}',
    });
    expect(cols.roleId).toMatch(/^\{"[0-9a-f-]{36}","[0-9a-f-]{36}"\}$/);
  });

  it('normalises names for comparison', () => {
    expect(normaliseName(' Asha  D’Souza-Devi ')).toBe('ashadsouzadevi');
    expect(normaliseName('ＡＳＨＡ')).toBe('asha');
    expect(normaliseName(null)).toBe('');
  });
});
