import { describe, expect, it } from 'vitest';
import { addressKey } from './rate-limit';

describe('the key a client address is limited by', () => {
  it('keeps an IPv4 address as it is, also when mapped into IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one client', () => {
    const a = addressKey('2001:db8:abcd:12:1111:2222:3333:4444');
    const b = addressKey('2001:0db8:abcd:0012::1');
    expect(a).toBe('2001:db8:abcd:12::/64');
    expect(b).toBe(a);
    expect(addressKey('2001:db8:abcd:13::1')).not.toBe(a);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1')).toBe('fe80:0:0:0::/64');
  });

  it('reads IPv6 in any case and with any zero compression as the same /64', () => {
    expect(addressKey('::FFFF:198.51.100.1')).toBe('198.51.100.1');
    expect(addressKey('2001:DB8:ABCD:12::1')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8:0000:0::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1::2:3:4:5')).toBe('2001:db8:1:0::/64');
    expect(addressKey('::')).toBe('0:0:0:0::/64');
    // Compression near the start: the groups after it reach into the /64.
    expect(addressKey('2001::3:4:5:6:7:8')).toBe('2001:0:3:4::/64');
    expect(addressKey('::2:3:4:5:6:7:8')).toBe('0:2:3:4::/64');
    expect(addressKey('::ffff:203.0.113.77')).toBe('203.0.113.77');
  });

  it('leaves anything else alone', () => {
    expect(addressKey('::ffff:not-an-ip')).toBe('::ffff:not-an-ip');
    expect(addressKey('x::ffff:203.0.113.7')).toBe('x::ffff:203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7x')).toBe('::ffff:203.0.113.7x');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
