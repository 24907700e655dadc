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

/**
 * Where each column of a row goes, worked out once per set of columns (rows of one file share a
 * few), in sorted column order: identity and recipient columns are skipped, known columns become
 * data attributes, subject columns (academic records) subject fields, and the rest `extra`.
 */
type ColumnPlan = {
  /** The subject-name columns, whose end marker ends the subjects. */
  subjectNames: { col: string; n: number }[];
  skill: Step[];
  academic: Step[];
};

type Step =
  | { col: string; to: 'data'; key: string }
  | { col: string; to: 'subject'; n: number; key: string }
  | { col: string; to: 'extra' };

function planOf(sorted: readonly string[]): ColumnPlan {
  const stepsFor = (map: Record<string, string>, subjects: boolean): Step[] =>
    sorted.flatMap((col): Step[] => {
      if (RECIPIENT.has(col)) return [];
      const key = map[col];
      if (key) return [{ col, to: 'data', key }];
      const m = subjects ? parseSubjectColumn(col) : null;
      if (m) return [{ col, to: 'subject', n: m.n, key: SUBJECT.get(m.suffix)! }];
      return [{ col, to: 'extra' }];
    });
  const subjectNames: ColumnPlan['subjectNames'] = [];
  for (const col of sorted) {
    const m = parseSubjectColumn(col);
    if (m?.suffix === 'NM') subjectNames.push({ col, n: m.n });
  }
  return { subjectNames, skill: stepsFor(SKILL, false), academic: stepsFor(ACADEMIC, true) };
}

const plansByColumns = new Map<string, { sorted: string[]; plan: ColumnPlan }>();

/** Column lists seen last (as the row had them), with their plans, most recent first. */
const recentColumns: { cols: string[]; plan: ColumnPlan }[] = [];

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The plan for the row's columns: its list of names is first compared with the few seen last,
 * then looked up by the names joined, and planned only when new.
 */
function columnPlanOf(fields: Record<string, string>): ColumnPlan {
  const cols = Object.keys(fields);
  for (let i = 0; i < recentColumns.length; i++) {
    const recent = recentColumns[i]!;
    if (!sameColumns(cols, recent.cols)) continue;
    if (i > 0) recentColumns.unshift(...recentColumns.splice(i, 1));
    return recent.plan;
  }
  const id = cols.join('\n');
  let known = plansByColumns.get(id);
  // A name with a newline could make two sets join alike: the cached set must be this one.
  if (!known || known.sorted.length !== cols.length || !known.sorted.every((c) => c in fields)) {
    if (plansByColumns.size > 1000) plansByColumns.clear();
    const sorted = [...cols].sort();
    known = { sorted, plan: planOf(sorted) };
    plansByColumns.set(id, known);
  }
  recentColumns.unshift({ cols, plan: known.plan });
  if (recentColumns.length > 8) recentColumns.pop();
  return known.plan;
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
  const data: Record<string, unknown> & { kind: string } = {
    kind: skill ? 'skill' : 'academic',
    award: (skill ? fields.JOB_ROLE : undefined) ?? fields.COURSE_NAME ?? '',
  };
  const extra: Record<string, string> = {};
  const subjects = new Map<number, Record<string, string>>();
  const plan = columnPlanOf(fields);
  let endAt = Infinity;
  for (const { col, n } of plan.subjectNames)
    if (fields[col] === SUBJECT_END_MARKER) endAt = Math.min(endAt, n);
  // In sorted column order, so that `extra` is built in order.
  for (const step of skill ? plan.skill : plan.academic) {
    const value = fields[step.col]!;
    if (value === '') continue;
    if (step.to === 'data') data[step.key] = value;
    else if (step.to === 'extra') extra[step.col] = value;
    else if (step.n < endAt) {
      const s = subjects.get(step.n) ?? {};
      s[step.key] = value;
      subjects.set(step.n, s);
    }
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
