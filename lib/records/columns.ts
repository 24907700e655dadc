// The award record CSV columns Sanad understands (spec/records-csv.md). Pure data, shared by the
// template page, the browser preview and the server validation. Header names are matched
// case-insensitively after trimming; unknown columns are kept in the certificate's data.

export type ColumnKind =
  | 'operation'
  | 'text'
  | 'docType'
  | 'date'
  | 'gender'
  | 'mobile'
  | 'email'
  | 'aadhaar'
  | 'abcId'
  | 'lockerId'
  | 'number'
  | 'pin';

export type ColumnGroup = 'record' | 'institution' | 'performance' | 'skill' | 'student';

export type ColumnSpec = {
  name: string;
  group: ColumnGroup;
  kind: ColumnKind;
  /** Mandatory for ADD and UPDATE rows (DELETE needs CERT_NO alone). */
  mandatory?: boolean;
  /** An example value for the sample file and the template page. */
  example: string;
};

const c = (
  name: string,
  group: ColumnGroup,
  kind: ColumnKind,
  example: string,
  mandatory = false,
): ColumnSpec => ({ name, group, kind, example, mandatory });

export const COLUMNS: readonly ColumnSpec[] = [
  c('OPERATION', 'record', 'operation', 'ADD'),
  c('CERT_NO', 'record', 'text', 'DSI/2026/000501', true),
  c('DOC_TYPE', 'record', 'docType', 'SKCER'),
  c('DOI', 'record', 'date', '15-03-2026'),
  c('ORG_CODE', 'institution', 'text', 'DSI001'),
  c('ORG_NAME', 'institution', 'text', 'Demo Skills Institute'),
  c('ORG_NAME_L', 'institution', 'text', 'डेमो कौशल संस्थान'),
  c('ORG_ADDRESS', 'institution', 'text', '12 Station Road'),
  c('ORG_CITY', 'institution', 'text', 'Jaipur'),
  c('ORG_STATE', 'institution', 'text', 'Rajasthan'),
  c('ORG_PIN', 'institution', 'pin', '302001'),
  c('ACADEMIC_COURSE_ID', 'institution', 'text', 'SGJ-Q2101', true),
  c('COURSE_NAME', 'institution', 'text', 'Assistant Electrician', true),
  c('COURSE_NAME_L', 'institution', 'text', 'सहायक इलेक्ट्रीशियन'),
  c('STREAM', 'institution', 'text', 'Electrical'),
  c('SESSION', 'institution', 'text', '2025-26'),
  c('REGN_NO', 'institution', 'text', 'REG2025001', true),
  c('RROLL', 'institution', 'text', 'R-1001', true),
  c('YEAR', 'institution', 'number', '2026'),
  c('MONTH', 'institution', 'text', 'MAR'),
  c('SEM', 'institution', 'text', ''),
  c('EXAM_TYPE', 'institution', 'text', 'REGULAR'),
  c('RESULT', 'performance', 'text', 'PASS'),
  c('DIVISION', 'performance', 'text', 'FIRST'),
  c('GRADE', 'performance', 'text', 'A'),
  c('PERCENT', 'performance', 'number', '82.5'),
  c('CGPA', 'performance', 'number', ''),
  c('SGPA', 'performance', 'number', ''),
  c('TOT_MRKS', 'performance', 'number', '330'),
  c('GRAND_TOT_MAX', 'performance', 'number', '400'),
  c('GRAND_TOT_MRKS', 'performance', 'number', '330'),
  c('TOT_CREDIT', 'performance', 'number', ''),
  c('REMARKS', 'performance', 'text', ''),
  c('QP_CODE', 'skill', 'text', 'ELE/Q4601'),
  c('JOB_ROLE', 'skill', 'text', 'Assistant Electrician'),
  c('NSQF_LEVEL', 'skill', 'text', '4'),
  c('SECTOR_SKILL_COUNCIL', 'skill', 'text', 'Electronics Sector Skills Council of India'),
  c('TRAINING_PARTNER', 'skill', 'text', 'Demo Skills Institute'),
  c('TRAINING_CENTRE', 'skill', 'text', 'Jaipur Centre'),
  c('ASSESSMENT_AGENCY', 'skill', 'text', 'Demo Assessors'),
  c('ASSESSMENT_DATE', 'skill', 'date', '10-03-2026'),
  c('SCHEME', 'skill', 'text', 'PMKVY'),
  c('CNAME', 'student', 'text', 'Asha Sharma', true),
  c('DOB', 'student', 'date', '14-08-2004', true),
  c('GENDER', 'student', 'gender', 'F', true),
  c('MOBILE', 'student', 'mobile', '9876543210'),
  c('EMAIL', 'student', 'email', 'asha@example.in'),
  c('AADHAAR_NO', 'student', 'aadhaar', '234123412346'),
  c('LOCKER_ID', 'student', 'lockerId', ''),
  c('ABC_ACCOUNT_ID', 'student', 'abcId', ''),
  c('FNAME', 'student', 'text', 'Ramesh Sharma'),
  c('MNAME', 'student', 'text', 'Sunita Sharma'),
  c('PHOTO', 'student', 'text', ''),
];

/**
 * Per-subject columns, n = 1, 2, … (`SUB1NM`, `SUB1`, `SUB1MAX`, …); `key` is the attribute of
 * `Subject` in the certificate XML (docs/certificate-xml.md).
 */
export const SUBJECT_SUFFIXES: readonly {
  suffix: string;
  key: string;
  kind: ColumnKind;
  example: string;
}[] = [
  { suffix: 'NM', key: 'name', kind: 'text', example: 'Electrical Safety' },
  { suffix: '', key: 'code', kind: 'text', example: 'ELE101' },
  { suffix: 'MAX', key: 'max', kind: 'number', example: '100' },
  { suffix: 'MIN', key: 'min', kind: 'number', example: '33' },
  { suffix: '_TH_MRKS', key: 'theory', kind: 'number', example: '60' },
  { suffix: '_PR_MRKS', key: 'practical', kind: 'number', example: '20' },
  { suffix: '_CE_MRKS', key: 'internal', kind: 'number', example: '5' },
  { suffix: '_TOT', key: 'total', kind: 'number', example: '85' },
  { suffix: '_GRADE', key: 'grade', kind: 'text', example: 'A' },
  { suffix: '_GRADE_POINTS', key: 'gradePoints', kind: 'number', example: '9' },
  { suffix: '_CREDIT', key: 'credit', kind: 'number', example: '4' },
  { suffix: '_REMARKS', key: 'remarks', kind: 'text', example: '' },
];

/** Exporters write this as the subject name after the last subject. */
export const SUBJECT_END_MARKER = '***END***';

export const MANDATORY_COLUMNS = COLUMNS.filter((col) => col.mandatory).map((col) => col.name);

/**
 * The columns Sanad's upload report adds to the file (report.ts): the row number, the result and
 * its reasons. Named apart from the file's own columns (NAD files have a RESULT), the same in
 * every language, and passed over when a corrected report is uploaded again.
 */
export const REPORT_COLUMNS = {
  row: 'SANAD_ROW',
  result: 'SANAD_RESULT',
  errors: 'SANAD_ERRORS',
} as const;
const REPORT_COLUMN_NAMES = new Set<string>(Object.values(REPORT_COLUMNS));

/** Whether a canonical header is one of the report's own columns. */
export function isReportColumn(canonical: string): boolean {
  return REPORT_COLUMN_NAMES.has(canonical);
}

const BY_NAME = new Map(COLUMNS.map((col) => [col.name, col]));
const SUBJECT_RE =
  /^SUB(\d{1,2})(NM|MAX|MIN|_TH_MRKS|_PR_MRKS|_CE_MRKS|_TOT|_GRADE_POINTS|_GRADE|_CREDIT|_REMARKS)?$/;

/** `SUB3_TOT` → `{ n: 3, suffix: '_TOT' }`; null for any other column. */
export function parseSubjectColumn(canonical: string): { n: number; suffix: string } | null {
  const m = SUBJECT_RE.exec(canonical);
  return m && Number(m[1]) >= 1 ? { n: Number(m[1]), suffix: m[2] ?? '' } : null;
}

/** Canonical form of a header cell: trimmed, upper case, BOM and surrounding quotes removed. */
export function canonicalHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .toUpperCase();
}

/** The column a canonical header names, including per-subject columns; null when unknown. */
export function columnSpec(canonical: string): ColumnSpec | null {
  const known = BY_NAME.get(canonical);
  if (known) return known;
  const subject = parseSubjectColumn(canonical);
  if (!subject) return null;
  const sub = SUBJECT_SUFFIXES.find((s) => s.suffix === subject.suffix)!;
  return { name: canonical, group: 'performance', kind: sub.kind, example: sub.example };
}

export type HeaderAnalysis = {
  /**
   * Canonical name per position (unknown columns keep their canonical form too); '' for the
   * report's own columns, which are passed over.
   */
  canonical: string[];
  recognised: string[];
  unknown: string[];
  missing: string[];
  /** Canonical names that appear more than once. */
  duplicates: string[];
  /** Positions of empty header cells (1-based). */
  blank: number[];
};

/** Sorts a header row into recognised, unknown, missing, duplicated and blank columns. */
export function analyseHeader(header: readonly string[]): HeaderAnalysis {
  const canonical = header.map(canonicalHeader);
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const recognised: string[] = [];
  const unknown: string[] = [];
  const blank: number[] = [];
  canonical.forEach((name, i) => {
    if (isReportColumn(name)) {
      canonical[i] = '';
      return;
    }
    if (!name) {
      blank.push(i + 1);
      return;
    }
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
    (columnSpec(name) ? recognised : unknown).push(header[i]!.trim());
  });
  const missing = MANDATORY_COLUMNS.filter((name) => !seen.has(name));
  return { canonical, recognised, unknown, missing, duplicates: [...duplicates], blank };
}
