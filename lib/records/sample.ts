import { COLUMNS, SUBJECT_END_MARKER, SUBJECT_SUFFIXES } from './columns';

// Realistic award rows for the public sample file, tests and the 100,000-row benchmark.
// Deterministic (same options, same rows) and cheap: one small PRNG, no Intl, no Date maths per row.
// Identifiers are synthetic but well-formed: Aadhaar numbers pass Verhoeff, mobiles start 6–9.

/** Every catalogue column, then subjects 1…n with every per-subject column (the upload template). */
export function templateHeader(subjects = 3): string[] {
  const header = COLUMNS.map((c) => c.name);
  for (let n = 1; n <= subjects; n++)
    for (const s of SUBJECT_SUFFIXES) header.push(`SUB${n}${s.suffix}`);
  return header;
}

/** A skill-certificate export as a training partner would send it, with two subjects. */
export function sampleHeader(): string[] {
  return [
    ...['OPERATION', 'CERT_NO', 'DOC_TYPE', 'DOI', 'ORG_CODE', 'ORG_NAME'],
    ...['ACADEMIC_COURSE_ID', 'COURSE_NAME', 'COURSE_NAME_L', 'SESSION', 'REGN_NO', 'RROLL'],
    ...['YEAR', 'MONTH', 'RESULT', 'GRADE', 'PERCENT', 'GRAND_TOT_MAX', 'GRAND_TOT_MRKS'],
    ...['QP_CODE', 'JOB_ROLE', 'NSQF_LEVEL', 'SECTOR_SKILL_COUNCIL', 'TRAINING_CENTRE'],
    ...['ASSESSMENT_DATE', 'SCHEME', 'CNAME', 'DOB', 'GENDER', 'MOBILE', 'EMAIL', 'AADHAAR_NO'],
    ...['FNAME', 'SUB1NM', 'SUB1', 'SUB1MAX', 'SUB1_TOT', 'SUB1_GRADE'],
    ...['SUB2NM', 'SUB2', 'SUB2MAX', 'SUB2_TOT', 'SUB2_GRADE', 'SUB3NM'],
  ];
}

/** Rows in the public sample download (/institution/sample.csv). */
export const SAMPLE_FILE_ROWS = 20;

export type GenerateOptions = {
  count: number;
  seed?: number;
  certPrefix?: string;
  /** Number of the first certificate (so batches can follow one another). */
  startAt?: number;
  /** Fractions of rows with an Aadhaar number / a mobile number. */
  withAadhaar?: number;
  withMobile?: number;
  /** Fraction of rows with exactly one deliberate error. */
  mistakes?: number;
};

const MALE =
  'Rahul Amit Suresh Vikram Arjun Mohammed Imran Rajesh Karan Harpreet Sanjay Deepak Ravi Anil Joseph'.split(
    ' ',
  );
const FEMALE =
  'Asha Priya Sunita Kavita Neha Fatima Anjali Pooja Lakshmi Meena Divya Sneha Rekha Gurpreet Mary'.split(
    ' ',
  );
const SURNAMES =
  'Sharma Verma Yadav Singh Kumar Patel Khan Gupta Reddy Nair Das Meena Joshi Mishra Chauhan'.split(
    ' ',
  );
const MALE_HI = 'राहुल अमित सुरेश विक्रम अर्जुन'.split(' ');
const FEMALE_HI = 'आशा प्रिया सुनीता कविता नेहा'.split(' ');
const SURNAMES_HI = 'शर्मा वर्मा यादव सिंह कुमार'.split(' ');
// QP code | job role | in Hindi | sector skill council | NSQF level
const COURSES = [
  'ELE/Q4601|Assistant Electrician|सहायक इलेक्ट्रीशियन|Electronics Sector Skills Council of India|4',
  'SGJ/Q2101|Hand Sewing Operator|हाथ सिलाई ऑपरेटर|Gem and Jewellery Skill Council of India|3',
  'THC/Q0301|Food and Beverage Service Steward|खाद्य एवं पेय सेवा स्टीवर्ड|Tourism and Hospitality Skill Council|4',
  'ASC/Q1401|Automotive Service Technician|ऑटोमोटिव सर्विस तकनीशियन|Automotive Skills Development Council|4.5',
  'HSS/Q5102|General Duty Assistant|सामान्य ड्यूटी सहायक|Healthcare Sector Skill Council|4',
].map((c) => c.split('|') as [string, string, string, string, string]);
const SUBJECTS = [
  ['Workplace Safety', 'SAF101'],
  ['Core Trade Skills', 'TRD201'],
  ['Employability Skills', 'EMP102'],
  ['Customer Communication', 'COM103'],
] as const;
const CENTRES = ['Jaipur', 'Lucknow', 'Patna', 'Bhopal', 'Nagpur'].map((c) => `${c} Centre`);
const MISTAKES = ['dob', 'gender', 'mobile', 'aadhaar', 'name', 'percent'] as const;

/** mulberry32: tiny, fast, good enough for test data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digitRows = (s: string) => s.split(' ').map((r) => [...r].map(Number));
// Verhoeff tables (multiplication, permutation, inverse) to compute Aadhaar's check digit.
const VD = digitRows(
  '0123456789 1234067895 2340178956 3401289567 4012395678 5987604321 6598710432 7659821043 8765932104 9876543210',
);
const VP = digitRows(
  '0123456789 1576283094 5803796142 8916043527 9453126870 4286573901 2793806415 7046913258',
);
const VINV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function withCheckDigit(body: string): string {
  let c = 0;
  for (let i = 0; i < body.length; i++)
    c = VD[c]![VP[(i + 1) % 8]![body.charCodeAt(body.length - 1 - i) - 48]!]!;
  return body + VINV[c];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

export function generateAwardRows(opts: GenerateOptions): string[][] {
  const seed = opts.seed ?? 1;
  const r = rng(seed);
  const salt = (seed >>> 0) % 100_000; // keeps the identifier arithmetic exact
  const prefix = opts.certPrefix ?? 'DSI/2026/';
  const start = opts.startAt ?? 1;
  const header = sampleHeader();
  const at = new Map(header.map((h, i) => [h, i]));
  const col = (name: string) => at.get(name)!;
  const rows: string[][] = new Array(opts.count);

  for (let i = 0; i < opts.count; i++) {
    const n = start + i;
    const female = r() < 0.5;
    const hindi = r() < 0.1;
    const first = pick(r, hindi ? (female ? FEMALE_HI : MALE_HI) : female ? FEMALE : MALE);
    const last = pick(r, hindi ? SURNAMES_HI : SURNAMES);
    const father = `${pick(r, hindi ? MALE_HI : MALE)} ${last}`;
    const [qp, course, courseHi, ssc, nsqf] = pick(r, COURSES);
    const day = 1 + Math.floor(r() * 28);
    const month = 1 + Math.floor(r() * 12);
    const year = 1990 + Math.floor(r() * 18);
    const dobStyle = r();
    const dob =
      dobStyle < 0.7
        ? `${pad(day, 2)}-${pad(month, 2)}-${year}`
        : dobStyle < 0.9
          ? `${pad(day, 2)}/${pad(month, 2)}/${year}`
          : `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const max = 100;
    const m1 = 40 + Math.floor(r() * 60);
    const m2 = 40 + Math.floor(r() * 60);
    const total = m1 + m2;
    const percent = (total / 2).toFixed(1);
    const grade = total >= 160 ? 'A' : total >= 120 ? 'B' : 'C';
    // Unique per certificate number: multiplying by a number coprime to 10 is a bijection mod 10^k.
    const mobile =
      r() < (opts.withMobile ?? 0.8)
        ? `${6 + (n % 4)}${pad((n * 7919 + salt * 104729) % 1e9, 9)}`
        : '';
    const aadhaar =
      r() < (opts.withAadhaar ?? 0.5)
        ? withCheckDigit(`${2 + (salt % 8)}${pad((n * 7919 + salt * 15485863) % 1e10, 10)}`)
        : '';
    const email = !hindi && r() < 0.3 ? `${first}.${last}${n}@example.in`.toLowerCase() : '';
    const [s1, s2] = [SUBJECTS[n % 2]!, SUBJECTS[2 + (n % 2)]!];

    const row = new Array<string>(header.length).fill('');
    row[col('OPERATION')] = 'ADD';
    row[col('CERT_NO')] = `${prefix}${pad(n, 6)}`;
    row[col('DOC_TYPE')] = 'SKCER';
    row[col('DOI')] = '15-03-2026';
    row[col('ORG_CODE')] = 'DSI001';
    row[col('ORG_NAME')] = 'Demo Skills Institute';
    row[col('ACADEMIC_COURSE_ID')] = qp.replace('/', '-');
    row[col('COURSE_NAME')] = course;
    row[col('COURSE_NAME_L')] = courseHi;
    row[col('SESSION')] = '2025-26';
    row[col('REGN_NO')] = `REG2025${pad(n, 6)}`;
    row[col('RROLL')] = `R-${pad(n, 6)}`;
    row[col('YEAR')] = '2026';
    row[col('MONTH')] = 'MAR';
    row[col('RESULT')] = 'PASS';
    row[col('GRADE')] = grade;
    row[col('PERCENT')] = percent;
    row[col('GRAND_TOT_MAX')] = String(2 * max);
    row[col('GRAND_TOT_MRKS')] = String(total);
    row[col('QP_CODE')] = qp;
    row[col('JOB_ROLE')] = course;
    row[col('NSQF_LEVEL')] = nsqf;
    row[col('SECTOR_SKILL_COUNCIL')] = ssc;
    row[col('TRAINING_CENTRE')] = pick(r, CENTRES);
    row[col('ASSESSMENT_DATE')] = '10-03-2026';
    row[col('SCHEME')] = 'PMKVY';
    row[col('CNAME')] = `${first} ${last}`;
    row[col('DOB')] = dob;
    row[col('GENDER')] = female ? (r() < 0.8 ? 'F' : 'Female') : r() < 0.8 ? 'M' : 'Male';
    row[col('MOBILE')] = mobile;
    row[col('EMAIL')] = email;
    row[col('AADHAAR_NO')] = aadhaar;
    row[col('FNAME')] = father;
    row[col('SUB1NM')] = s1[0];
    row[col('SUB1')] = s1[1];
    row[col('SUB1MAX')] = String(max);
    row[col('SUB1_TOT')] = String(m1);
    row[col('SUB1_GRADE')] = m1 >= 80 ? 'A' : m1 >= 60 ? 'B' : 'C';
    row[col('SUB2NM')] = s2[0];
    row[col('SUB2')] = s2[1];
    row[col('SUB2MAX')] = String(max);
    row[col('SUB2_TOT')] = String(m2);
    row[col('SUB2_GRADE')] = m2 >= 80 ? 'A' : m2 >= 60 ? 'B' : 'C';
    row[col('SUB3NM')] = SUBJECT_END_MARKER;

    if (opts.mistakes && r() < opts.mistakes) {
      const kind = pick(r, MISTAKES);
      if (kind === 'dob') row[col('DOB')] = '31-02-2004';
      else if (kind === 'gender') row[col('GENDER')] = 'X';
      else if (kind === 'mobile') row[col('MOBILE')] = '12345';
      else if (kind === 'name') row[col('CNAME')] = '';
      else if (kind === 'percent') row[col('PERCENT')] = 'eighty';
      else {
        const good = aadhaar || withCheckDigit(`2${pad(n % 1e10, 10)}`);
        row[col('AADHAAR_NO')] = good.slice(0, 11) + ((Number(good[11]) + 1) % 10);
      }
    }
    rows[i] = row;
  }
  return rows;
}
