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
  email: z.union([z.literal(''), z.email('email')]),
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
