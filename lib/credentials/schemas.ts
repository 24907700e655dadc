import { z } from 'zod';

export const ZRevokeCertificateInput = z.object({
  orgId: z.uuid(),
  certificateId: z.uuid(),
  reason: z.string().trim().min(5, 'reasonRequired').max(500, 'reasonRequired'),
});
export type TRevokeCertificateInput = z.infer<typeof ZRevokeCertificateInput>;
