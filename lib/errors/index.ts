import { randomBytes } from 'node:crypto';

// STYLE.md 5: a small set of expected errors whose message the user sees; everything else is
// logged with a reference id and shown as "Something went wrong (ref …)".

export type ErrorKey =
  | 'notFound'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid'
  | 'conflict'
  | 'rateLimited'
  | 'invalidCode'
  | 'tryTomorrow'
  | 'busy'
  | 'blocked'
  | 'tooLarge'
  | 'gone';

export class AppError extends Error {
  constructor(
    readonly key: ErrorKey,
    message: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super('notFound', message, 404);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super('forbidden', message, 403);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Please sign in') {
    super('unauthenticated', message, 401);
  }
}
export class InvalidError extends AppError {
  constructor(message = 'Some of the input is not valid', fieldErrors?: Record<string, string>) {
    super('invalid', message, 400, fieldErrors);
  }
}
export class ConflictError extends AppError {
  constructor(message = 'This conflicts with existing data') {
    super('conflict', message, 409);
  }
}
export class RateLimitedError extends AppError {
  constructor(message = 'Too many attempts; please wait a few minutes and try again') {
    super('rateLimited', message, 429);
  }
}
export class InvalidCodeError extends AppError {
  constructor(message = 'The code is wrong or has expired') {
    super('invalidCode', message, 400);
  }
}

/** A mobile number or email had too many codes or wrong codes today. */
export class TryTomorrowError extends AppError {
  constructor(
    message = 'Too many codes or wrong codes for this mobile number or email today. Try again tomorrow.',
  ) {
    super('tryTomorrow', message, 429);
  }
}
/** A shared budget (such as the hourly SMS budget) is spent: nobody's fault, try later. */
export class BusyError extends AppError {
  constructor(message = 'This cannot be done right now. Please try again in an hour.') {
    super('busy', message, 503);
  }
}
export class BlockedError extends AppError {
  constructor(message = 'This account is blocked. Please contact the Sanad helpdesk.') {
    super('blocked', message, 403);
  }
}
export class TooLargeError extends AppError {
  constructor(message = 'The request is too large') {
    super('tooLarge', message, 413);
  }
}

/** A link that was revoked or has expired: it will not work again. */
export class GoneError extends AppError {
  constructor(message = 'This link was revoked or has expired') {
    super('gone', message, 410);
  }
}

export type PublicError = {
  status: number;
  key: ErrorKey | 'unexpected';
  message: string;
  ref?: string;
  fieldErrors?: Record<string, string>;
};

export function newErrorRef(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/** The one mapping from any thrown value to what a user or caller may see. */
export function toPublicError(error: unknown, context?: string): PublicError {
  if (error instanceof AppError) {
    return {
      status: error.status,
      key: error.key,
      message: error.message,
      fieldErrors: error.fieldErrors,
    };
  }
  const ref = newErrorRef();
  // Logged in full on the server; the client only ever sees the reference.
  console.error(`[error ref=${ref}]${context ? ` ${context}:` : ''}`, error);
  return { status: 500, key: 'unexpected', message: `Something went wrong (ref ${ref})`, ref };
}
