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
  const cols = Object.keys(fields);
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
    data.subjects = [...subjects.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
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
    data,
    templateKey: opts.templateKey,
  };
}
