import { z } from 'zod';
import { verhoeffValid } from '@/lib/identity/verhoeff';
import { zVisibleText } from '@/lib/text/visible';
import { ZProfileInput } from '@/lib/identity/schemas';

// The locker's inputs, one schema each for the browser form and the server (STYLE.md 4). Field
// messages are keys under `lockerDocs.errors`.

/** An Aadhaar number as typed (spaces and dashes allowed), given back as its 12 digits. */
export const ZAadhaarNumber = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^[2-9]\d{11}$/, 'aadhaarFormat')
      .refine(verhoeffValid, 'aadhaarChecksum'),
  );

export const ZAadhaarLinkRequest = z.object({ aadhaar: ZAadhaarNumber });
export type TAadhaarLinkRequest = z.input<typeof ZAadhaarLinkRequest>;

export const ZAadhaarLinkConfirm = ZAadhaarLinkRequest.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'code'),
});
export type TAadhaarLinkConfirm = z.input<typeof ZAadhaarLinkConfirm>;

/** Seed 000 §2.6: the issuer, the certificate number, and the holder's date of birth and name. */
export const ZClaimInput = z.object({
  issuerId: z.uuid('issuer'),
  number: z.string().trim().min(1, 'number').max(100, 'number'),
  dob: ZProfileInput.shape.dob,
  name: zVisibleText(2, 100, 'name'),
});
export type TClaimInput = z.input<typeof ZClaimInput>;
