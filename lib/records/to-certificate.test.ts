import { describe, expect, it } from 'vitest';
import { certificateInputOf } from './to-certificate';

const opts = {
  templateKey: 'classic' as const,
  defaultDocType: 'MKSHT',
  today: '2026-11-25',
  lockerUserId: null,
};

describe('certificateInputOf', () => {
  it('ends the subjects at the end marker, and keeps no column of the later ones', () => {
    const input = certificateInputOf(
      {
        CERT_NO: 'U/1',
        CNAME: 'Asha',
        MOBILE: '9876543210',
        COURSE_NAME: 'B.Sc.',
        SUB1NM: 'Mathematics',
        SUB1_TOT: '80',
        SUB2NM: 'Physics',
        SUB2_GRADE: '',
        SUB3NM: '***END***',
        SUB3_TOT: '1',
        SUB4NM: 'Chemistry',
        ZONE: 'North',
      },
      opts,
    );
    expect(input.data).toEqual({
      award: 'B.Sc.',
      courseName: 'B.Sc.',
      extra: { ZONE: 'North' },
      kind: 'academic',
      subjects: [{ name: 'Mathematics', total: '80' }, { name: 'Physics' }],
    });
    expect(input.recipient).toMatchObject({ name: 'Asha', mobile: '9876543210' });
  });

  it('keeps subject-like columns of a skill record as they are', () => {
    const input = certificateInputOf(
      { CERT_NO: 'S/1', CNAME: 'Ravi', JOB_ROLE: 'Welder', QP_CODE: 'ASC/Q0101', SUB1NM: 'Arc' },
      { ...opts, defaultDocType: 'SKCER' },
    );
    expect(input.data).toEqual({
      award: 'Welder',
      extra: { SUB1NM: 'Arc' },
      jobRole: 'Welder',
      kind: 'skill',
      qpCode: 'ASC/Q0101',
    });
    expect(input.title).toBe('Skill Certificate');
  });

  it('gives each row its own columns when rows of many column sets alternate', () => {
    // More sets than are remembered as recent, and two whose names joined by newlines are alike.
    const rows: Record<string, string>[] = [];
    for (let k = 0; k < 12; k++)
      rows.push({ CERT_NO: `C/${k}`, CNAME: 'A', COURSE_NAME: 'X', [`COL${k}`]: `v${k}` });
    rows.push({ CERT_NO: 'C/a', CNAME: 'A', COURSE_NAME: 'X', 'P\nQ': 'joined' });
    rows.push({ CERT_NO: 'C/b', CNAME: 'A', COURSE_NAME: 'X', P: 'p', Q: 'q' });
    for (let round = 0; round < 3; round++)
      for (const row of round === 1 ? [...rows].reverse() : rows) {
        const extra = certificateInputOf(row, opts).data.extra;
        const expected = Object.fromEntries(
          Object.entries(row).filter(([c]) => !['CERT_NO', 'CNAME', 'COURSE_NAME'].includes(c)),
        );
        expect(extra).toEqual(expected);
      }
  });
});
