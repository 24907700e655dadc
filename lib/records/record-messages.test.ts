import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES } from '@/lib/i18n/locales';
import { COLUMNS, SUBJECT_SUFFIXES } from './columns';
import { ROW_ERROR_CODES } from './validate-row';

// Every code the validation can produce has words for a clerk, in every language, and the
// template page has a line for every column of the catalogue.

const FILE_CODES = [
  'empty',
  'pdf',
  'binary',
  'spreadsheet',
  'tooLarge',
  'tooManyRows',
  'unclosedQuote',
  'duplicateHeaders',
  'missingHeaders',
  'blankHeader',
  'noRows',
  'tooManyColumns',
  'cellTooLong',
  'rowTooLong',
];
const VALUES = {
  column: 'DOB',
  value: '31-02-2004',
  max: 64,
  expected: 40,
  found: 39,
  rows: '2, 7',
  status: 'revoked',
  row: 12,
  columns: 'CNAME, DOB',
  positions: '3, 5',
};

describe.each(LOCALES)('%s catalog', (locale) => {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'recordErrors' });
  const tt = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'recordTemplate' });

  it.each([...ROW_ERROR_CODES, ...FILE_CODES])('explains %s', (code) => {
    expect(t.has(code as never)).toBe(true);
    const text = t(code as never, VALUES as never);
    expect(text).not.toMatch(/[{}]/);
    if (locale === 'hi') expect(text).toMatch(/[\u0900-\u097F]/);
  });

  it.each([
    'notActive',
    'changedMeanwhile',
    'issuedMeanwhile',
    'institutionInactive',
    'noDesign',
    'unexpected',
    'earlier',
    'stoppedAt',
  ])('says why a publish stopped: %s', (code) => {
    const tr = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'records' });
    const text = tr(
      `publishFailure.${code}` as never,
      {
        row: 12,
        certNo: 'DSI/1',
        ref: 'AB12',
        detail: 'x',
        from: 2002,
        to: 4001,
        published: 2000,
      } as never,
    );
    expect(text).not.toMatch(/[{}]/);
    if (locale === 'hi') expect(text).toMatch(/[\u0900-\u097F]/);
  });

  it('documents every column, kind and subject column on the template page', () => {
    for (const c of COLUMNS) {
      expect(tt.has(`columns.${c.name}` as never), c.name).toBe(true);
      expect(tt.has(`kinds.${c.kind}` as never), c.kind).toBe(true);
    }
    expect(Object.keys(CATALOGS[locale].recordTemplate.subjects)).toHaveLength(
      SUBJECT_SUFFIXES.length,
    );
  });
});
