'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { changeCertificateStatus } from '@/lib/credentials/issue';
import { ZRevokeCertificateInput } from '@/lib/credentials/schemas';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';

export async function revokeCertificateAction(input: unknown): Promise<ActionResult> {
  return runAction('institution.revoke', async () => {
    const v = parseInput(ZRevokeCertificateInput, input);
    // The permission is checked within the certificate's own organisation.
    const { user } = await requirePermission('certificates.revoke', v.orgId);
    await changeCertificateStatus(
      getDb(),
      { issuerOrgId: v.orgId, certificateId: v.certificateId },
      { status: 'revoked', reason: v.reason },
      { actorUserId: user.id, ...(await getRequestContext()) },
    );
    revalidatePath(`/institution/certificates/${v.certificateId}`);
    return null;
  });
}
