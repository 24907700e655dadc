import { describe, expect, it } from 'vitest';
import { likeLiteral, likePattern } from './like';

describe('LIKE patterns', () => {
  it('matches the text as it is: wildcards and the escape character escaped', () => {
    expect(likeLiteral('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(likePattern('  DSI/2026/0001 ')).toBe('%DSI/2026/0001%');
    expect(likePattern('a%b')).toBe('%a\\%b%');
  });
});
