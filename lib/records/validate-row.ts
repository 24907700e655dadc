import type { RowError } from '@/db/schema/records';
import { verhoeffValid } from '@/lib/identity/verhoeff';
import {
  MANDATORY_COLUMNS,
  SUBJECT_END_MARKER,
  columnSpec,
  type ColumnKind,
  type HeaderAnalysis,
} from './columns';
import { MASKED_AADHAAR, maskAadhaarLike, maskedAadhaar } from './aadhaar-text';
import { unneutraliseCell } from './neutralise';

// One award-record row checked against spec/records-csv.md "Rules" and the formats in
// spec/digilocker.md "Identifiers". Pure and allocation-light: it runs on 100,000 rows inside
// the upload's time budget, so everything that depends only on the header is worked out once.

export type RowContext = { header: HeaderAnalysis; defaultDocType: string };

export type Operation = 'ADD' | 'UPDATE' | 'DELETE';

export type ValidatedRow = {
  operation: Operation;
  /** Trimmed, as given ('' when missing). */
  certNo: string;
  /**
   * Canonical column → value: normalised when valid, as given (trimmed) when not, so a rejected
   * row can be shown and corrected. Empty cells are left out. Never holds an Aadhaar number:
   * a valid one appears only as `AADHAAR_MASKED`.
   */
  fields: Record<string, string>;
  /** The 12 digits, only when given and valid (the caller stores it in the vault). */
  aadhaar: string | null;
  /** Every problem with the row, not just the first. */
  errors: RowError[];
};

/** Row-level message codes, under `recordErrors` in the catalogs. */
export const ROW_ERROR_CODES = [
  'required',
  'operation',
  'dateFormat',
  'dateNotReal',
  'dobFuture',
  'dobTooOld',
  'gender',
  'mobile',
  'email',
  'aadhaarFormat',
  'aadhaarChecksum',
  'aadhaarMasked',
  'aadhaarElsewhere',
  'abcId',
  'lockerId',
  'pin',
  'number',
  'docType',
  'tooLong',
  'controlChars',
  'cellCount',
  // Added by the caller, which sees the whole file and what is already published.
  'duplicateInFile',
  'alreadyPublished',
  'notPublished',
  'notActive',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

const MAX_LENGTH: Record<string, number> = { CERT_NO: 64, CNAME: 200, NSQF_LEVEL: 8 };
/** Error values are for display; a runaway cell is cut short. */
const MAX_ERROR_VALUE = 100;
/** Headers clerks use for Aadhaar under another name; handled as AADHAAR_NO so never stored. */
const AADHAAR_ALIAS = /^(?:A{1,2}DH?A{1,2}R(?:[_ ]?(?:NO|NUMBER|NUM))?|UID(?:[_ ]?NO)?)$/;

const OPERATIONS = new Map<string, Operation>([
  ['ADD', 'ADD'],
  ['A', 'ADD'],
  ['UPDATE', 'UPDATE'],
  ['U', 'UPDATE'],
  ['DELETE', 'DELETE'],
  ['D', 'DELETE'],
]);
// "Other" maps to T: the stored form is M/F/T (digilocker.md), whose third value is the
// non-binary one.
const GENDERS = new Map([
  ['M', 'M'],
  ['MALE', 'M'],
  ['F', 'F'],
  ['FEMALE', 'F'],
  ['T', 'T'],
  ['TRANSGENDER', 'T'],
  ['O', 'T'],
  ['OTHER', 'T'],
]);

const DMY = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// A leading apostrophe is how our own export neutralises "+91…"; accept it back.
const MOBILE = /^'?(?:\+91|91|0)?([6-9]\d{9})$/;
const MOBILE_SEPARATORS = /[\s\-().]/g;
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SPACES_DASHES = /[\s-]/g;
const AADHAAR = /^[2-9]\d{11}$/;
const ABC_ID = /^\d{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PIN = /^[1-9]\d{5}$/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const DOC_TYPE = /^[A-Z]{1,5}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

type SlotKind = ColumnKind | 'unknown';
type Slot = {
  index: number;
  name: string;
  kind: SlotKind;
  mandatory: boolean;
  /** 0: no limit. */
  maxLength: number;
  /** Subject number for SUBn… columns, else 0. */
  subject: number;
};
type Plan = {
  width: number;
  slots: Slot[];
  operationAt: number;
  /** SUBnNM positions in subject order, to find the ***END*** marker. */
  subjectNames: { index: number; subject: number }[];
  /** Mandatory columns the header lacks (the file-level check normally refuses these). */
  absent: string[];
  /** DOB may not be later than today in India. */
  today: string;
};

const plans = new WeakMap<HeaderAnalysis, Plan>();
const SUBJECT_NO = /^SUB(\d{1,2})/;
const SUBJECT_NAME = /^SUB\d{1,2}NM$/;

/** AADHAAR_NO, or a misspelt header treated as it (AADHAR_NO, UID_NO, …): masked everywhere. */
/** Today in India, as YYYY-MM-DD: the default date of issue, and the latest date a row may hold. */
export function todayInIndia(): string {
  return new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
}

export function isAadhaarHeader(canonical: string): boolean {
  return canonical === 'AADHAAR_NO' || (!columnSpec(canonical) && AADHAAR_ALIAS.test(canonical));
}

function buildPlan(header: HeaderAnalysis): Plan {
  const slots: Slot[] = [];
  const subjectNames: Plan['subjectNames'] = [];
  let operationAt = -1;
  header.canonical.forEach((name, index) => {
    if (!name) return; // blank header cell: refused at file level, nothing to file it under
    const spec = columnSpec(name);
    const kind: SlotKind = spec?.kind ?? (AADHAAR_ALIAS.test(name) ? 'aadhaar' : 'unknown');
    const subject = spec && spec.group === 'performance' ? subjectNo(name) : 0;
    if (kind === 'operation') operationAt = index;
    else
      slots.push({
        index,
        name,
        kind,
        mandatory: spec?.mandatory === true,
        maxLength: MAX_LENGTH[name] ?? 0,
        subject,
      });
    if (subject && SUBJECT_NAME.test(name)) subjectNames.push({ index, subject });
  });
  subjectNames.sort((a, b) => a.subject - b.subject);
  const present = new Set(header.canonical);
  const today = todayInIndia();
  return {
    width: header.canonical.length,
    slots,
    operationAt,
    subjectNames,
    absent: MANDATORY_COLUMNS.filter((n) => !present.has(n)),
    today,
  };
}

function subjectNo(name: string): number {
  const m = SUBJECT_NO.exec(name);
  return m ? Number(m[1]) : 0;
}

function planFor(header: HeaderAnalysis): Plan {
  let plan = plans.get(header);
  if (!plan) plans.set(header, (plan = buildPlan(header)));
  return plan;
}

/** Works out everything that depends on the header once; pass the result to validateRow. */
export function prepareRowContext(header: HeaderAnalysis, defaultDocType: string): RowContext {
  planFor(header);
  return { header, defaultDocType: defaultDocType.trim().toUpperCase() };
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const FORMAT = { code: 'dateFormat' } as const;
const NOT_REAL = { code: 'dateNotReal' } as const;

/** DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD (one-digit day and month too, as Excel writes them). */
function parseDate(v: string): { iso: string } | typeof FORMAT | typeof NOT_REAL {
  let d: string, m: string, y: string;
  const dmy = DMY.exec(v);
  if (dmy) {
    d = dmy[1]!;
    m = dmy[3]!;
    y = dmy[4]!;
  } else {
    const ymd = YMD.exec(v);
    if (!ymd) return FORMAT;
    y = ymd[1]!;
    m = ymd[2]!;
    d = ymd[3]!;
  }
  const year = +y;
  const month = +m;
  const day = +d;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const max = month === 2 && leap ? 29 : DAYS[month - 1];
  if (year < 1 || !max || day < 1 || day > max) return NOT_REAL;
  return { iso: `${y}-${m.length === 1 ? '0' + m : m}-${d.length === 1 ? '0' + d : d}` };
}

/**
 * An error value fit to show and store: cut short, and any Aadhaar number typed into another
 * column (a clerk's slip into MOBILE, say) masked too. Only error paths pay for this.
 */
function shown(v: string): string {
  const cut = v.length > MAX_ERROR_VALUE ? `${v.slice(0, MAX_ERROR_VALUE)}…` : v;
  return maskAadhaarLike(cut) ?? cut;
}

export function validateRow(cells: readonly string[], ctx: RowContext): ValidatedRow {
  const plan = planFor(ctx.header);
  const errors: RowError[] = [];
  const fields: Record<string, string> = {};
  let aadhaar: string | null = null;
  const err = (column: string, value: string, code: RowErrorCode, values?: RowError['values']) =>
    errors.push(
      values
        ? { column, value: shown(value), code, values }
        : { column, value: shown(value), code },
    );

  if (cells.length !== plan.width)
    errors.push({
      column: '',
      value: '',
      code: 'cellCount',
      values: { expected: plan.width, found: cells.length },
    });

  // OPERATION first: it decides which columns are mandatory. ADD when absent or empty.
  let operation: Operation = 'ADD';
  if (plan.operationAt >= 0) {
    const raw = (cells[plan.operationAt] ?? '').trim();
    if (raw) {
      const op = OPERATIONS.get(raw) ?? OPERATIONS.get(raw.toUpperCase());
      if (op) operation = fields.OPERATION = op;
      else err('OPERATION', raw, 'operation'); // checked with ADD's stricter rules
    }
  }
  const deleting = operation === 'DELETE';

  // Subjects from the ***END*** marker on are not read (exporters pad with empty subjects).
  let endAt = Infinity;
  for (const s of plan.subjectNames)
    if ((cells[s.index] ?? '').trim() === SUBJECT_END_MARKER) {
      endAt = s.subject;
      break;
    }

  let certNo = '';
  for (const slot of plan.slots) {
    if (slot.subject >= endAt) continue;
    const name = slot.name;
    let v = (cells[slot.index] ?? '').trim();
    // A cell of Sanad's own report comes back with the apostrophe its export added.
    if (v.charCodeAt(0) === 39) v = unneutraliseCell(v).trim();
    if (name === 'CERT_NO') certNo = v;
    if (v === '') {
      if (slot.mandatory && (!deleting || name === 'CERT_NO')) err(name, '', 'required');
      continue;
    }
    // An Aadhaar number is taken from its own column only, and stored nowhere else, not even
    // in a refused row: the row is refused with the number masked (a mobile number written
    // with 91 in front is 12 digits too, and stays a mobile number).
    if (slot.kind !== 'aadhaar' && v.length >= 12) {
      const masked = maskAadhaarLike(v);
      if (
        masked !== null &&
        !(slot.kind === 'mobile' && MOBILE.test(v.replace(MOBILE_SEPARATORS, '')))
      ) {
        err(name, masked, 'aadhaarElsewhere');
        fields[name] = masked;
        if (name === 'CERT_NO') certNo = masked;
        continue;
      }
    }
    if (slot.maxLength && v.length > slot.maxLength)
      err(name, v, 'tooLong', { max: slot.maxLength });
    let out = v;
    switch (slot.kind) {
      case 'text':
      case 'unknown':
        // Cells starting = + - @ stay text as given; the CSV export neutralises them.
        if (name === 'CERT_NO' && CONTROL.test(v)) err(name, v, 'controlChars');
        break;
      case 'date': {
        const r = parseDate(v);
        if ('code' in r) err(name, v, r.code);
        else {
          out = r.iso;
          if (name === 'DOB') {
            if (out > plan.today) err(name, v, 'dobFuture');
            else if (out < '1900-01-01') err(name, v, 'dobTooOld');
          }
        }
        break;
      }
      case 'gender': {
        const g = GENDERS.get(v) ?? GENDERS.get(v.toUpperCase());
        if (g) out = g;
        else err(name, v, 'gender');
        break;
      }
      case 'mobile': {
        const m = MOBILE.exec(v.replace(MOBILE_SEPARATORS, ''));
        if (m) out = m[1]!;
        else err(name, v, 'mobile');
        break;
      }
      case 'email': {
        const e = v.toLowerCase();
        if (e.length <= 254 && EMAIL.test(e)) out = e;
        else err(name, v, 'email');
        break;
      }
      case 'aadhaar': {
        const a = v.replace(SPACES_DASHES, '');
        if (MASKED_AADHAAR.test(v)) err(name, maskedAadhaar(a), 'aadhaarMasked');
        else if (!AADHAAR.test(a)) err(name, maskedAadhaar(a), 'aadhaarFormat');
        else if (!verhoeffValid(a)) err(name, maskedAadhaar(a), 'aadhaarChecksum');
        else if (aadhaar === null) {
          aadhaar = a;
          fields.AADHAAR_MASKED = maskedAadhaar(a);
        }
        continue; // never into fields
      }
      case 'abcId': {
        const a = v.replace(SPACES_DASHES, '');
        if (ABC_ID.test(a)) out = a;
        else err(name, v, 'abcId');
        break;
      }
      case 'lockerId': {
        const l = v.toLowerCase();
        if (l.length === 36 && UUID.test(l)) out = l;
        else err(name, v, 'lockerId');
        break;
      }
      case 'pin': {
        const p = v.replace(SPACES_DASHES, '');
        if (PIN.test(p)) out = p;
        else err(name, v, 'pin');
        break;
      }
      case 'number':
        if (!NUMBER.test(v)) err(name, v, 'number');
        break;
      case 'docType': {
        const t = v.toUpperCase();
        if (DOC_TYPE.test(t)) out = t;
        else err(name, v, 'docType');
        break;
      }
      case 'operation':
        break; // handled above
    }
    fields[name] = out;
  }

  if (!deleting) for (const name of plan.absent) err(name, '', 'required');
  else if (plan.absent.includes('CERT_NO')) err('CERT_NO', '', 'required');
  if (!fields.DOC_TYPE && ctx.defaultDocType) fields.DOC_TYPE = ctx.defaultDocType;

  return { operation, certNo, fields, aadhaar, errors };
}
