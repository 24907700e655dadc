import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTimestamp } from './format';

describe('one date format per language', () => {
  const at = new Date('2026-10-30T20:35:00Z');

  it('writes a calendar date and the day of a moment alike', () => {
    expect(formatDate('en', '2026-10-30')).toBe('30 October 2026');
    expect(formatDateTime('en', '2026-10-30T08:00:00Z')).toBe('30 October 2026');
    expect(formatDate('hi', '2026-10-30')).toBe('30 अक्टूबर 2026');
    expect(formatDateTime('hi', '2026-10-30T08:00:00Z')).toBe('30 अक्टूबर 2026');
  });

  it('gives a moment in the reader’s time zone, India’s by default', () => {
    expect(formatTimestamp('en', at)).toBe('31 October 2026 at 2:05 am');
    expect(formatTimestamp('en', at, 'America/New_York')).toBe('30 October 2026 at 4:35 pm');
    expect(formatTimestamp('hi', at, 'UTC')).toBe('30 अक्टूबर 2026 को 8:35 pm बजे');
    expect(formatDateTime('en', at, 'date', 'Europe/London')).toBe('30 October 2026');
  });
});
