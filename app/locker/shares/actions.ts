'use server';

import { revalidatePath } from 'next/cache';
import QRCode from 'qrcode';
import { getDb } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import { parseInput, runAction, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import {
  createShareLink,
  revokeShareLink,
  ZCreateShareLinkInput,
  ZRevokeShareLinkInput,
} from '@/lib/locker/share-links';

export type CreatedShareLink = { url: string; expiresAt: string; qrSvg: string };

/** Creates a link to one of the holder's documents; the link is shown once, with its QR code. */
export async function createShareLinkAction(
  input: unknown,
): Promise<ActionResult<CreatedShareLink>> {
  return runAction('locker.share.create', async () => {
    const { user } = await requirePermission('locker.documents.manage');
    const v = parseInput(ZCreateShareLinkInput, input);
    const ctx = { actorUserId: user.id, ...(await getRequestContext()) };
    const link = await createShareLink(getDb(), ctx, v);
    const qrSvg = await QRCode.toString(link.url, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
    });
    revalidatePath('/locker/shares');
    return { url: link.url, expiresAt: link.expiresAt.toISOString(), qrSvg };
  });
}

export async function revokeShareLinkAction(input: unknown): Promise<ActionResult> {
  return runAction('locker.share.revoke', async () => {
    const { user } = await requirePermission('locker.documents.manage');
    const { id } = parseInput(ZRevokeShareLinkInput, input);
    await revokeShareLink(getDb(), { actorUserId: user.id, ...(await getRequestContext()) }, id);
    revalidatePath('/locker/shares');
    return null;
  });
}
