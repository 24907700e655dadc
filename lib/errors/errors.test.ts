import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { parseInput, runAction } from '@/lib/http/action';
import { ForbiddenError, InvalidError, toPublicError } from './index';

afterEach(() => vi.restoreAllMocks());

describe('errors shown to users', () => {
  it('passes an expected error through with its status and message', () => {
    expect(toPublicError(new ForbiddenError())).toMatchObject({
      status: 403,
      key: 'forbidden',
      message: 'You are not allowed to do this',
    });
  });

  it('masks an unexpected error behind a reference that is logged with the real error', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const leaked = new Error(
      'duplicate key value violates unique constraint "users_mobile_uq" SELECT * FROM users',
    );
    const shown = toPublicError(leaked, 'test');
    expect(shown.status).toBe(500);
    expect(shown.message).toMatch(/^Something went wrong \(ref [0-9A-F]{8}\)$/);
    expect(JSON.stringify(shown)).not.toMatch(/SELECT|users_mobile_uq|at .*\.ts/);
    expect(log).toHaveBeenCalledWith(`[error ref=${shown.ref}] test:`, leaked);
  });

  it('turns schema failures into per-field i18n keys', () => {
    const schema = z.object({
      name: z.string().min(2, 'name'),
      code: z.string().regex(/^\d{6}$/, 'code'),
    });
    try {
      parseInput(schema, { name: 'x', code: '12' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidError);
      expect((e as InvalidError).fieldErrors).toEqual({ name: 'name', code: 'code' });
    }
  });

  it('runs an action and maps its failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(runAction('ok', async () => 42)).resolves.toEqual({ ok: true, data: 42 });
    const failed = await runAction('boom', async () => {
      throw new TypeError('secret internals');
    });
    expect(failed.ok).toBe(false);
    expect(JSON.stringify(failed)).not.toContain('secret internals');
  });
});
