import { z } from 'zod';
import { parseSignInIdentifier } from '@/lib/identity/identifiers';

// STYLE.md 4: one schema per input, shared by the form and the server. Messages are i18n keys.

export const ZSignInRequestInput = z.object({
  identifier: z
    .string()
    .trim()
    .max(254, 'identifier')
    .refine((v) => parseSignInIdentifier(v) !== null, 'identifier'),
});
export type TSignInRequestInput = z.infer<typeof ZSignInRequestInput>;

export const ZSignInCodeInput = ZSignInRequestInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'code'),
});
export type TSignInCodeInput = z.infer<typeof ZSignInCodeInput>;
