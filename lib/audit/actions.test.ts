import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES } from '@/lib/i18n/locales';
import { LOGGED_ACTIONS, auditActionKey } from './actions';

// recordAudit takes only the actions listed in actions.ts (the type says so, and the type check
// is part of the suite); this makes sure each of them reads as words in every language.
describe('audit action labels', () => {
  it.each(LOCALES)('every action the code records has a %s label, and no label is stale', (l) => {
    const labels = CATALOGS[l].auditActions as Record<string, string>;
    const missing = LOGGED_ACTIONS.filter((a) => !labels[auditActionKey(a)]?.trim());
    const known = new Set(LOGGED_ACTIONS.map(auditActionKey));
    const stale = Object.keys(labels).filter((k) => !known.has(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('gives different actions different keys', () => {
    expect(new Set(LOGGED_ACTIONS.map(auditActionKey)).size).toBe(LOGGED_ACTIONS.length);
  });
});
