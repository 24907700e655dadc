import { isAuditAction, type AuditAction } from './actions';

/** What the audit page is asked to show; each part optional. */
export type AuditFilter = {
  /** Part of a person's name, mobile number or email: entries they did or that were done to them. */
  person?: string;
  action?: AuditAction;
  /** Days (YYYY-MM-DD) in the reader's time zone, both included. */
  from?: string;
  to?: string;
  page: number;
};

export type AuditFilterProblem = 'action' | 'from' | 'to' | 'range';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

function isDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/**
 * The filter from the page's query string. A part that is not valid is left out and named in
 * `problems`, so the page says so instead of showing something else without a word.
 */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): {
  filter: AuditFilter;
  problems: AuditFilterProblem[];
} {
  const problems: AuditFilterProblem[] = [];
  const filter: AuditFilter = { page: 1 };
  const person = one(params.person).slice(0, 100);
  if (person) filter.person = person;
  const action = one(params.action);
  if (action && isAuditAction(action)) filter.action = action;
  else if (action) problems.push('action');
  for (const key of ['from', 'to'] as const) {
    const day = one(params[key]);
    if (day && isDay(day)) filter[key] = day;
    else if (day) problems.push(key);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.push('range');
    delete filter.from;
    delete filter.to;
  }
  const page = Number(one(params.page));
  if (Number.isInteger(page) && page > 1) filter.page = Math.min(page, 100_000);
  return { filter, problems };
}

/** The query string of a filter (for the pager's links and the CSV link). */
export function auditFilterQuery(filter: AuditFilter, page = filter.page): string {
  const q = new URLSearchParams();
  if (filter.person) q.set('person', filter.person);
  if (filter.action) q.set('action', filter.action);
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', filter.to);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}
