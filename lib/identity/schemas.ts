import { z } from 'zod';
import { zVisibleText } from '@/lib/text/visible';

export const ZProfileInput = z.object({
  name: zVisibleText(2, 100, 'name'),
  dob: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'dob')
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return (
        !Number.isNaN(d.getTime()) &&
        d.toISOString().startsWith(v) &&
        d < new Date() &&
        d.getUTCFullYear() >= 1900
      );
    }, 'dob'),
  gender: z.enum(['M', 'F', 'T'], { message: 'gender' }),
});
export type TProfileInput = z.infer<typeof ZProfileInput>;

export const ZGrantRoleInput = z.object({
  userId: z.uuid(),
  role: z.enum([
    'citizen',
    'institution_owner',
    'institution_operator',
    'course_author',
    'course_mentor',
    'state_admin',
    'verifier',
    'platform_admin',
  ]),
  orgId: z.union([z.literal(''), z.uuid()]),
});
export type TGrantRoleInput = z.infer<typeof ZGrantRoleInput>;

/** A mobile number or email to add to one's own account, and the code sent to it. */
export const ZLinkIdentifierRequest = z.object({
  identifier: z.string().trim().min(1, 'identifier').max(254, 'identifier'),
});
export type TLinkIdentifierRequest = z.infer<typeof ZLinkIdentifierRequest>;

export const ZLinkIdentifierConfirm = ZLinkIdentifierRequest.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'code'),
});
export type TLinkIdentifierConfirm = z.infer<typeof ZLinkIdentifierConfirm>;

export const ZBlockUserInput = z.object({
  userId: z.uuid(),
  reason: z.string().trim().min(5, 'reason').max(500, 'reason'),
});
export type TBlockUserInput = z.infer<typeof ZBlockUserInput>;
