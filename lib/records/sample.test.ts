import { describe, expect, it } from 'vitest';
import { isValidAadhaar } from '@/lib/identity/identifiers';
import { COLUMNS, analyseHeader } from './columns';
import { generateAwardRows, sampleHeader, templateHeader } from './sample';
import { prepareRowContext, validateRow } from './validate-row';

const ctx = prepareRowContext(analyseHeader(sampleHeader()), 'SKCER');
const col = (name: string) => sampleHeader().indexOf(name);

describe('sample award rows', () => {
  it('has a recognised header with every mandatory column and an ***END*** subject', () => {
    const h = analyseHeader(sampleHeader());
    expect(h).toMatchObject({ unknown: [], missing: [], duplicates: [], blank: [] });
    expect(sampleHeader()).toContain('SUB2_TOT');
  });

  it('validates clean when no mistakes are asked for', () => {
    const rows = generateAwardRows({ count: 2000, seed: 3, withAadhaar: 0.6, withMobile: 0.9 });
    const bad = rows.map((r) => validateRow(r, ctx)).filter((r) => r.errors.length);
    expect(bad).toEqual([]);
  });

  it('is deterministic, and continues numbering from startAt', () => {
    expect(generateAwardRows({ count: 50, seed: 9 })).toEqual(
      generateAwardRows({ count: 50, seed: 9 }),
    );
    const next = generateAwardRows({ count: 2, certPrefix: 'X/', startAt: 101 });
    expect(next.map((r) => r[col('CERT_NO')])).toEqual(['X/000101', 'X/000102']);
  });

  it('gives each row its own certificate number, Aadhaar and mobile, all well-formed', () => {
    const rows = generateAwardRows({ count: 5000, withAadhaar: 1, withMobile: 1 });
    for (const name of ['CERT_NO', 'AADHAAR_NO', 'MOBILE'])
      expect(new Set(rows.map((r) => r[col(name)])).size, name).toBe(rows.length);
    expect(rows.every((r) => isValidAadhaar(r[col('AADHAAR_NO')]!))).toBe(true);
    expect(rows.every((r) => /^[6-9]\d{9}$/.test(r[col('MOBILE')]!))).toBe(true);
  });

  it('honours the Aadhaar and mobile fractions, and includes Devanagari names', () => {
    const rows = generateAwardRows({ count: 1000, withAadhaar: 0.25, withMobile: 0 });
    const withAadhaar = rows.filter((r) => r[col('AADHAAR_NO')]).length;
    expect(withAadhaar).toBeGreaterThan(180);
    expect(withAadhaar).toBeLessThan(320);
    expect(rows.some((r) => r[col('MOBILE')])).toBe(false);
    expect(rows.some((r) => /[\u0900-\u097F]/.test(r[col('CNAME')]!))).toBe(true);
  });

  it('puts exactly one deliberate error in about the asked fraction of rows', () => {
    const rows = generateAwardRows({ count: 1000, seed: 5, mistakes: 0.1 });
    const results = rows.map((r) => validateRow(r, ctx));
    const rejected = results.filter((r) => r.errors.length);
    expect(rejected.length).toBeGreaterThan(60);
    expect(rejected.length).toBeLessThan(140);
    expect(rejected.every((r) => r.errors.length === 1)).toBe(true);
  });

  it('makes 100,000 rows quickly (the upload benchmark uses it)', () => {
    const t = performance.now();
    expect(generateAwardRows({ count: 100_000 })).toHaveLength(100_000);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('template header', () => {
  it('holds every catalogue column and SUB1…SUB3 with every subject column', () => {
    const h = templateHeader();
    expect(h.slice(0, COLUMNS.length)).toEqual(COLUMNS.map((c) => c.name));
    expect(h).toContain('SUB3_GRADE_POINTS');
    expect(h).not.toContain('SUB4NM');
    expect(analyseHeader(h)).toMatchObject({ unknown: [], missing: [], duplicates: [] });
  });
});
