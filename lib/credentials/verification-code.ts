import { z } from 'zod';

/** A certificate's public verification code: what the QR URL and the typed form carry. */
export const ZVerificationCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,64}$/, 'codeInvalid');
