// The DigiLocker certificate XML (seed 003, "Generic Certificate Structure") for a certificate
// record. Pure: plain data in, a string out; the same record always gives the same bytes.
// CertificateData elements for skill, academic and course certificates: docs/certificate-xml.md.

export type XmlCertificateInput = {
  title: string;
  docType: string;
  number: string;
  uri: string;
  verificationCode: string;
  verifyUrl: string;
  status: 'A' | 'E' | 'R' | 'S';
  version: number;
  prevUri: string | null;
  /** Position in the issuer's revocation list and that list's URL (offline verification). */
  statusIndex?: number;
  statusListUrl?: string;
  issueDate: string; // YYYY-MM-DD
  validFrom: string | null;
  expiryDate: string | null;
  issuedAt: string | null; // place or office
  issuer: { name: string; code: string; kind: string };
  recipient: { name: string; dob: string | null; gender: string | null; uidMasked: string | null };
  data: Record<string, unknown>;
};

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeAttr(value: unknown): string {
  return String(value ?? '')
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** DigiLocker dates are DD-MM-YYYY. */
export function toDdMmYyyy(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

function el(name: string, attrs: Record<string, unknown>, children = ''): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  return children ? `<${name}${a}>${children}</${name}>` : `<${name}${a}/>`;
}

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

// Keys each kind maps to attributes; whatever else the data holds goes to <Extra>.
const SKILL_KEYS = [
  'qpCode',
  'jobRole',
  'nsqfLevel',
  'sectorSkillCouncil',
  'trainingPartner',
  'trainingCentre',
  'assessmentAgency',
  'assessmentDate',
  'scheme',
  'result',
  'grade',
];
const COURSE_KEYS = [
  'courseId',
  'courseName',
  'batchId',
  'batchName',
  'completionDate',
  'certificateType',
  'score',
];
const ACADEMIC_COURSE = ['courseId', 'courseName', 'stream', 'session'];
const ACADEMIC_EXAM = ['examType', 'year', 'month', 'semester', 'registrationNumber', 'rollNumber'];
const ACADEMIC_PERF = [
  'result',
  'division',
  'grade',
  'percentage',
  'cgpa',
  'sgpa',
  'totalMarks',
  'maxMarks',
  'credits',
  'remarks',
];
const SUBJECT_KEYS = [
  'name',
  'code',
  'max',
  'min',
  'theory',
  'practical',
  'internal',
  'total',
  'grade',
  'gradePoints',
  'credit',
  'remarks',
];
const COMMON = ['kind', 'award', 'subjects', 'extra'];

function pick(data: Record<string, unknown>, keys: string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, str(data[k])]));
}

function extra(data: Record<string, unknown>, used: string[]): string {
  const fields: Record<string, unknown> = {
    ...(data.extra as Record<string, unknown> | undefined),
  };
  for (const [k, v] of Object.entries(data)) {
    if (
      !used.includes(k) &&
      !COMMON.includes(k) &&
      (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    )
      fields[k] = v;
  }
  const keys = Object.keys(fields).sort();
  return keys.length
    ? el(
        'Extra',
        {},
        keys.map((k) => el('Field', { name: k, value: str(fields[k]) ?? '' })).join(''),
      )
    : '';
}

export function certificateDataXml(data: Record<string, unknown>): string {
  const award = str(data.award);
  switch (data.kind) {
    case 'skill':
      return el('Skill', { award, ...pick(data, SKILL_KEYS) }) + extra(data, SKILL_KEYS);
    case 'course':
      return el('Course', { award, ...pick(data, COURSE_KEYS) }) + extra(data, COURSE_KEYS);
    case 'academic': {
      const subjects = Array.isArray(data.subjects)
        ? (data.subjects as Record<string, unknown>[])
        : [];
      return (
        el('Course', { award, ...pick(data, ACADEMIC_COURSE) }) +
        el('Examination', pick(data, ACADEMIC_EXAM)) +
        el(
          'Performance',
          pick(data, ACADEMIC_PERF),
          subjects.length
            ? el('Subjects', {}, subjects.map((s) => el('Subject', pick(s, SUBJECT_KEYS))).join(''))
            : '',
        ) +
        extra(data, [...ACADEMIC_COURSE, ...ACADEMIC_EXAM, ...ACADEMIC_PERF])
      );
    }
    default:
      return el('Award', { award }) + extra(data, []);
  }
}

export function buildCertificateXml(c: XmlCertificateInput): string {
  const orgType = c.issuer.kind === 'state' ? 'SG' : 'NG';
  const body =
    el(
      'IssuedBy',
      {},
      el('Organization', { name: c.issuer.name, code: c.issuer.code, type: orgType }),
    ) +
    el(
      'IssuedTo',
      {},
      el('Person', {
        uid: c.recipient.uidMasked,
        name: c.recipient.name,
        dob: toDdMmYyyy(c.recipient.dob),
        gender: c.recipient.gender,
      }),
    ) +
    el(
      'CertificateData',
      {},
      el('Verification', {
        uri: c.uri,
        code: c.verificationCode,
        url: c.verifyUrl,
        version: c.version,
        previousUri: c.prevUri,
        statusIndex: c.statusIndex,
        statusList: c.statusListUrl,
      }) + certificateDataXml(c.data),
    );
  const root = el(
    'Certificate',
    {
      language: '99',
      name: c.title,
      type: c.docType,
      number: c.number,
      prevNumber: c.prevUri ? c.number : undefined,
      issuedAt: c.issuedAt,
      issueDate: toDdMmYyyy(c.issueDate),
      validFromDate: toDdMmYyyy(c.validFrom),
      expiryDate: toDdMmYyyy(c.expiryDate),
      status: c.status,
    },
    body,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}`;
}
