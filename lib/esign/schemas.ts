import { z } from 'zod';

// The e-sign form's inputs, shared by the browser form and the server actions.

export const ZEsignCodeRequest = z.object({
  fileId: z.uuid(),
  via: z.enum(['mobile', 'email']),
});
export type TEsignCodeRequest = z.infer<typeof ZEsignCodeRequest>;

export const ZEsignConfirm = ZEsignCodeRequest.extend({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'code'),
});
export type TEsignConfirm = z.infer<typeof ZEsignConfirm>;
