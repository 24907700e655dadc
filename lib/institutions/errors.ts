import { AppError } from '@/lib/errors';

/**
 * A conflict the user can act on, tied to a form field: the key (under `onboardingErrors.*`)
 * lets the form say what is wrong in the user's language, not only in English.
 */
export function conflictOn(field: string, key: string, message: string): AppError {
  return new AppError('conflict', message, 409, { [field]: key });
}
