import { describe, expect, it } from 'vitest';
import { isLoopback } from './loopback';

describe('isLoopback', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('%s is this machine', (ip) =>
    expect(isLoopback(ip)).toBe(true),
  );
  it.each([
    '10.0.0.5',
    '192.168.1.20',
    '::ffff:10.0.0.5',
    '2001:db8::1',
    'unknown',
    '',
    '127.0.0.1.evil',
  ])('%s is not', (ip) => expect(isLoopback(ip)).toBe(false));
});
