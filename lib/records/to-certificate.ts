import type { CertificateInput } from '@/lib/credentials/issue';
import type { TemplateKey } from '@/lib/credentials/templates';
import { parseSubjectColumn, SUBJECT_END_MARKER, SUBJECT_SUFFIXES } from './columns';

// From an accepted row (canonical column → normalised value) to the certificate record that
// publishing signs. Known NAD / skill columns become CertificateData attributes
// (docs/certificate-xml.md); every other column is kept under its own name in `extra`.

const SKILL: Record<string, string> = {
  QP_CODE: 'qpCode',
  JOB_ROLE: 'jobRole',
  NSQF_LEVEL: 'nsqfLevel',
  SECTOR_SKILL_COUNCIL: 'sectorSkillCouncil',
  TRAINING_PARTNER: 'trainingPartner',
  TRAINING_CENTRE: 'trainingCentre',
  ASSESSMENT_AGENCY: 'assessmentAgency',
  ASSESSMENT_DATE: 'assessmentDate',
  SCHEME: 'scheme',
  RESULT: 'result',
  GRADE: 'grade',
};

const ACADEMIC: Record<string, string> = {
  ACADEMIC_COURSE_ID: 'courseId',
  COURSE_NAME: 'courseName',
  STREAM: 'stream',
  SESSION: 'session',
  EXAM_TYPE: 'examType',
  YEAR: 'year',
  MONTH: 'month',
  SEM: 'semester',
  REGN_NO: 'registrationNumber',
  RROLL: 'rollNumber',
  RESULT: 'result',
  DIVISION: 'division',
  GRADE: 'grade',
  PERCENT: 'percentage',
  CGPA: 'cgpa',
  SGPA: 'sgpa',
  GRAND_TOT_MRKS: 'totalMarks',
  GRAND_TOT_MAX: 'maxMarks',
  TOT_CREDIT: 'credits',
  REMARKS: 'remarks',
};

const SUBJECT = new Map(SUBJECT_SUFFIXES.map((sub) => [sub.suffix, sub.key]));

/** Columns that are the record's identity or recipient, not award data. */
const RECIPIENT = new Set([
  'OPERATION',
  'CERT_NO',
  'DOC_TYPE',
  'DOI',
  'CNAME',
  'DOB',
  'GENDER',
  'MOBILE',
  'EMAIL',
  'AADHAAR_MASKED',
  'LOCKER_ID',
]);

const TITLES: Record<string, string> = {
  SKCER: 'Skill Certificate',
  DGCER: 'Degree Certificate',
  DPCER: 'Diploma Certificate',
  MKSHT: 'Marksheet',
  PVCER: 'Provisional Certificate',
};

type SubjectColumn = { n: number; suffix: string } | null;

// Publishing reads the same few dozen column names in every row: match each name once.
const subjectColumns = new Map<string, SubjectColumn>();

function subjectColumn(col: string): SubjectColumn {
  let c = subjectColumns.get(col);
  if (c === undefined) {
    c = parseSubjectColumn(col);
    if (subjectColumns.size > 10_000) subjectColumns.clear();
    subjectColumns.set(col, c);
  }
  return c;
}

export function isSkillRecord(fields: Record<string, string>): boolean {
  return Boolean(
    fields.QP_CODE || fields.JOB_ROLE || fields.NSQF_LEVEL || fields.DOC_TYPE === 'SKCER',
  );
}

/** `XXXX XXXX 1234` → the stored mask `XXXXXXXX1234`. */
function storedMask(masked: string | undefined): string | null {
  if (!masked) return null;
  const last4 = masked.replace(/\D/g, '').slice(-4);
  return last4.length === 4 ? `XXXXXXXX${last4}` : null;
}

// The record's objects are built with their keys in sorted order: the signed payload's canonical
// JSON is then written by JSON.stringify (lib/credentials/canonical.ts). Sorting each row's keys
// would cost more than that saves, so the orders are worked out once: the data attributes and
// subject fields from fixed lists, a row's columns once per set of columns.

const DATA_KEYS = [
  ...new Set([
    'kind',
    'award',
    'subjects',
    'extra',
    ...Object.values(SKILL),
    ...Object.values(ACADEMIC),
  ]),
].sort();
const SUBJECT_KEYS = SUBJECT_SUFFIXES.map((sub) => sub.key).sort();

/** The object's members in the order of `keys` (sorted), or all of them sorted if some are not listed. */
function inOrder<T extends Record<string, unknown>>(object: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const key of keys)
    if (object[key] !== undefined) {
      out[key] = object[key];
      n++;
    }
  return n === Object.keys(object).length
    ? (out as T)
    : inOrder(object, Object.keys(object).sort());
}

const sortedColumnSets = new Map<string, string[]>();

/** The row's column names, sorted (rows of one file share a few sets of columns). */
function sortedColumnsOf(fields: Record<string, string>): string[] {
  const cols = Object.keys(fields);
  const id = cols.join('\n');
  const sorted = sortedColumnSets.get(id);
  // A name with a newline could make two sets join alike: the cached set must be this one.
  if (sorted && sorted.length === cols.length && sorted.every((c) => c in fields)) return sorted;
  if (sortedColumnSets.size > 1000) sortedColumnSets.clear();
  const own = cols.sort();
  sortedColumnSets.set(id, own);
  return own;
}

export function certificateInputOf(
  fields: Record<string, string>,
  opts: {
    templateKey: TemplateKey;
    defaultDocType: string;
    today: string;
    lockerUserId: string | null;
  },
): CertificateInput {
  const skill = isSkillRecord(fields);
  const map = skill ? SKILL : ACADEMIC;
  const data: Record<string, unknown> & { kind: string } = {
    kind: skill ? 'skill' : 'academic',
    award: (skill ? fields.JOB_ROLE : undefined) ?? fields.COURSE_NAME ?? '',
  };
  const extra: Record<string, string> = {};
  const subjects = new Map<number, Record<string, string>>();
  // In sorted order, so that `extra` is built in order.
  const cols = sortedColumnsOf(fields);
  let endAt = Infinity;
  for (const col of cols) {
    const m = subjectColumn(col);
    if (m && m.suffix === 'NM' && fields[col] === SUBJECT_END_MARKER) endAt = Math.min(endAt, m.n);
  }
  for (const col of cols) {
    const value = fields[col]!;
    if (RECIPIENT.has(col) || value === '') continue;
    const key = map[col];
    if (key) {
      data[key] = value;
      continue;
    }
    const m = skill ? null : subjectColumn(col);
    if (m) {
      if (m.n >= endAt) continue;
      const s = subjects.get(m.n) ?? {};
      s[SUBJECT.get(m.suffix)!] = value;
      subjects.set(m.n, s);
      continue;
    }
    extra[col] = value;
  }
  if (subjects.size)
    data.subjects = [...subjects.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, s]) => inOrder(s, SUBJECT_KEYS));
  if (Object.keys(extra).length) data.extra = extra;
  const docType = fields.DOC_TYPE ?? opts.defaultDocType;
  return {
    docType,
    number: fields.CERT_NO!,
    title: TITLES[docType] ?? 'Certificate',
    recipient: {
      name: fields.CNAME!,
      dob: fields.DOB ?? null,
      gender: (fields.GENDER as 'M' | 'F' | 'T' | undefined) ?? null,
      mobile: fields.MOBILE ?? null,
      email: fields.EMAIL ?? null,
      uidMasked: storedMask(fields.AADHAAR_MASKED),
      lockerUserId: opts.lockerUserId,
    },
    issueDate: fields.DOI ?? opts.today,
    data: inOrder(data, DATA_KEYS),
    templateKey: opts.templateKey,
  };
}
