import { describe, expect, it } from 'vitest';
import { sessionVerdict, type SessionRow } from './sessions';

const HOUR = 3600_000;
const MINUTE = 60_000;
const now = Date.parse('2026-12-01T12:00:00Z');

/** A live session started `ageMs` ago and last used `idleMs` ago. */
function row(ageMs: number, idleMs = 0, endedAt: Date | null = null): SessionRow {
  return {
    userId: 'u',
    createdAt: new Date(now - ageMs),
    lastSeenAt: new Date(now - idleMs),
    endedAt,
  };
}

describe('whether a session still signs in', () => {
  it('a fresh session does, for anyone', () => {
    expect(sessionVerdict(row(0), false, now)).toBe('ok');
    expect(sessionVerdict(row(0), true, now)).toBe('ok');
  });

  it('an ended session never does, however fresh', () => {
    expect(sessionVerdict(row(0, 0, new Date(now)), false, now)).toBe('ended');
    expect(sessionVerdict(row(30 * HOUR, 0, new Date(now - HOUR)), true, now)).toBe('ended');
  });

  it('a citizen’s lasts 24 hours to the millisecond, a staff role’s 8', () => {
    expect(sessionVerdict(row(24 * HOUR - 1), false, now)).toBe('ok');
    expect(sessionVerdict(row(24 * HOUR), false, now)).toBe('expired');
    expect(sessionVerdict(row(8 * HOUR - 1), true, now)).toBe('ok');
    expect(sessionVerdict(row(8 * HOUR), true, now)).toBe('expired');
    expect(sessionVerdict(row(8 * HOUR), false, now)).toBe('ok');
  });

  it('ends after 120 minutes unused, for anyone', () => {
    expect(sessionVerdict(row(3 * HOUR, 120 * MINUTE - 1), false, now)).toBe('ok');
    expect(sessionVerdict(row(3 * HOUR, 120 * MINUTE), false, now)).toBe('idle');
    expect(sessionVerdict(row(3 * HOUR, 120 * MINUTE), true, now)).toBe('idle');
  });

  it('says expired rather than idle when both are past', () => {
    expect(sessionVerdict(row(25 * HOUR, 5 * HOUR), false, now)).toBe('expired');
  });
});
