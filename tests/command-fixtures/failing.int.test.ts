import { expect, it } from 'vitest';

// Run only by tests/test-commands.int.test.ts: a test command must exit non-zero on this file.
it('passes', () => {
  expect(1 + 1).toBe(2);
});

it('fails on purpose', () => {
  expect(1 + 1).toBe(3);
});
