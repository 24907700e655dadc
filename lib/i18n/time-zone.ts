// The reader's time zone, for times on pages (the audit log, upload times, key dates). The
// browser tells it once through a cookie (components/layout/time-zone-sync.tsx); until then, and
// for messages sent to people, times are India's.

export const TIME_ZONE_COOKIE = 'sanad_tz';
export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

const known = new Map<string, string | null>();

/** The canonical IANA name of a time zone Intl knows (e.g. `EST5EDT` → `America/New_York`). */
export function canonicalTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(value)) return null;
  let zone = known.get(value);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      zone = null;
    }
    if (known.size < 1000) known.set(value, zone);
  }
  return zone;
}

export function toTimeZone(value: string | null | undefined): string {
  return canonicalTimeZone(value) ?? DEFAULT_TIME_ZONE;
}
