import { z } from 'zod';

// The admin's partner forms, shared by the browser and the server actions (messages are keys
// under `errors`).

export const ZCreatePartnerInput = z.object({
  name: z.string().trim().min(2, 'name').max(100, 'name'),
});
export type TCreatePartnerInput = z.infer<typeof ZCreatePartnerInput>;

export const ZPartnerIdInput = z.object({ id: z.uuid() });
export type TPartnerIdInput = z.infer<typeof ZPartnerIdInput>;

export const ZSetPartnerKeyhashInput = z.object({ id: z.uuid(), allowed: z.boolean() });
export type TSetPartnerKeyhashInput = z.infer<typeof ZSetPartnerKeyhashInput>;
