'use server';

import { getDb } from '@/db/client';
import { requestSignInCode } from '@/lib/auth/otp';
import { ZSignInRequestInput } from '@/lib/auth/schemas';
import { runAction, parseInput, type ActionResult } from '@/lib/http/action';
import { getRequestContext } from '@/lib/http/request-context';
import { deliverOutboxMessage } from '@/lib/jobs/definitions';
import { enqueueSoon } from '@/lib/jobs/enqueue';
import { getLocale } from 'next-intl/server';

/** Step 1 of sign-in: send a code. The answer is the same whether or not an account exists. */
export async function requestCodeAction(input: unknown): Promise<ActionResult> {
  return runAction('sign-in.request-code', async () => {
    const { identifier } = parseInput(ZSignInRequestInput, input);
    const { ip } = await getRequestContext();
    const { messageId } = await requestSignInCode(getDb(), {
      identifier,
      ip,
      locale: await getLocale(),
    });
    await enqueueSoon(deliverOutboxMessage, { messageId });
    return null;
  });
}
