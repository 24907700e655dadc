import { describe, expect, it } from 'vitest';
import { auditFilterQuery, parseAuditFilter } from './filter';

describe('the audit page’s filter', () => {
  it('takes a person, an action, a date range and a page', () => {
    const { filter, problems } = parseAuditFilter({
      person: ' Asha ',
      action: 'membership.revoke',
      from: '2026-10-01',
      to: '2026-10-31',
      page: '3',
    });
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      person: 'Asha',
      action: 'membership.revoke',
      from: '2026-10-01',
      to: '2026-10-31',
      page: 3,
    });
    expect(auditFilterQuery(filter, 4)).toBe(
      '?person=Asha&action=membership.revoke&from=2026-10-01&to=2026-10-31&page=4',
    );
  });

  it('leaves out what is not valid and says which', () => {
    expect(
      parseAuditFilter({ action: 'drop.table', from: '2026-02-30', to: 'yesterday', page: '-2' }),
    ).toEqual({ filter: { page: 1 }, problems: ['action', 'from', 'to'] });
    expect(parseAuditFilter({ from: '2026-10-31', to: '2026-10-01' })).toEqual({
      filter: { page: 1 },
      problems: ['range'],
    });
  });

  it('has nothing to say about an empty form', () => {
    expect(parseAuditFilter({ person: '', action: '', from: '', to: '' })).toEqual({
      filter: { page: 1 },
      problems: [],
    });
    expect(auditFilterQuery({ page: 1 })).toBe('');
  });
});
