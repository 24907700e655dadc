import type { z } from 'zod';
import { InvalidError, toPublicError, type PublicError } from '@/lib/errors';

export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; error: PublicError };

/**
 * Parses untrusted input with the same zod schema the form uses. Field messages are i18n keys
 * under `errors.*`, shown beside the field.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'form';
    fieldErrors[key] ??= issue.message;
  }
  throw new InvalidError('Some of the input is not valid', fieldErrors);
}

/** Runs a server action body and maps every error to what the user may see. */
export async function runAction<T>(
  context: string,
  fn: () => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    return { ok: false, error: toPublicError(error, context) };
  }
}
