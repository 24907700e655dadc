import { describe, expect, it } from 'vitest';
import { analyseHeader } from '@/lib/records/columns';
import { generateAwardRows, sampleHeader } from '@/lib/records/sample';
import { certificateInputOf } from '@/lib/records/to-certificate';
import { prepareRowContext, validateRow } from '@/lib/records/validate-row';
import {
  canonicalJson,
  signedPayloadJson,
  signedPayloadParts,
  type SignedRecord,
} from './canonical';

// The signature covers canonical JSON, so its text must not depend on which path wrote it:
// JSON.stringify for values already in order, the sorting writer otherwise.

/** Canonical JSON written the plain way: every object's keys sorted, recursively. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .sort()
      .filter((k) => object[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${reference(object[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

const record: SignedRecord = {
  issuerCode: 'in.sanad.demo',
  docType: 'SKCER',
  uri: 'in.sanad.demo-SKCER-ABC123',
  number: 'DSI/2026/000101',
  version: 2,
  verificationCode: 'KK0V-TSA6-QNVH',
  title: 'Skill Certificate',
  recipient: { name: 'सुरेश दास', dob: '2004-05-06', gender: 'M', uidMasked: null },
  issueDate: '2026-03-15',
  validFrom: null,
  expiryDate: null,
  issuedAt: '2026-11-25T04:00:00.000Z',
  data: { kind: 'skill', award: 'Electrician', extra: { Z: '1', A: '"quoted" \\ \n' } },
  templateKey: 'classic',
  supersedes: 'in.sanad.demo-SKCER-OLD1',
};

describe('canonicalJson', () => {
  it('writes sorted and unsorted values alike, with the keys in code-unit order', () => {
    const values: unknown[] = [
      { a: 1, b: [true, null, 'x'], c: { d: -0, e: 1.5 } },
      { c: { e: 1.5, d: 0 }, b: [true, null, 'x'], a: 1 },
      // V8 lists integer-like keys first, in numeric order; canonical order is by code units.
      { 9: 'nine', 10: 'ten', a: 'letter' },
      { 1: 'one', 2: 'two', B: 'upper', a: 'lower' },
      { skipped: undefined, kept: 'yes' },
      [{ z: 1, y: 2 }, [], {}, 'ऊ', '\u2028', '\ud800'],
      'text',
      42,
      null,
    ];
    for (const v of values) expect(canonicalJson(v)).toBe(reference(v));
    expect(canonicalJson({ 9: 'nine', 10: 'ten' })).toBe('{"10":"ten","9":"nine"}');
  });

  it('refuses what JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/unsupported/);
    expect(() => canonicalJson({ b: BigInt(1) })).toThrow(/unsupported/);
  });
});

describe('signedPayloadParts', () => {
  it('is the canonical JSON of the record with v: 1, and begins with its data', () => {
    const { payload, data } = signedPayloadParts(record);
    expect(payload).toBe(reference({ v: 1, ...record }));
    expect(data).toBe(reference(record.data));
    expect(payload.startsWith(`{"data":${data},`)).toBe(true);
    expect(signedPayloadJson(record)).toBe(payload);
  });

  it('refuses a version that is not an integer', () => {
    expect(() => signedPayloadParts({ ...record, version: 1.5 })).toThrow(/not an integer/);
    expect(() => signedPayloadParts({ ...record, version: Number.NaN })).toThrow(/not an integer/);
  });

  it('gives the same bytes for records built from upload rows (the sorted fast path)', () => {
    const ctx = prepareRowContext(analyseHeader(sampleHeader()), 'SKCER');
    const rows = generateAwardRows({
      count: 200,
      seed: 7,
      certPrefix: 'T/',
      withMobile: 0.9,
      withAadhaar: 0.5,
    });
    for (const cells of rows) {
      const input = certificateInputOf(validateRow(cells, ctx).fields, {
        templateKey: 'classic',
        defaultDocType: 'SKCER',
        today: '2026-11-25',
        lockerUserId: null,
      });
      // Built in order: JSON.stringify already writes it canonically.
      expect(JSON.stringify(input.data)).toBe(reference(input.data));
      const signed = { ...record, data: input.data, number: input.number };
      expect(signedPayloadParts(signed).payload).toBe(reference({ v: 1, ...signed }));
    }
    // An academic record: subjects, and columns the mapping does not know.
    const academic = certificateInputOf(
      {
        CERT_NO: 'U/1',
        CNAME: 'Asha',
        COURSE_NAME: 'B.Sc.',
        SUB2NM: 'Physics',
        SUB2_TOT: '71',
        SUB1_GRADE: 'A',
        SUB1NM: 'Mathematics',
        SUB1MAX: '100',
        ZONE: 'North',
        '2024': 'a year as a column name',
        CGPA: '8.1',
      },
      { templateKey: 'modern', defaultDocType: 'MKSHT', today: '2026-11-25', lockerUserId: null },
    );
    expect(academic.data.subjects).toHaveLength(2);
    expect(canonicalJson(academic.data)).toBe(reference(academic.data));
    expect(JSON.stringify((academic.data.subjects as unknown[])[0])).toBe(
      '{"grade":"A","max":"100","name":"Mathematics"}',
    );
  });
});
