import { createTranslator } from 'next-intl';
import { config } from '@/lib/config';
import { CATALOGS } from '@/lib/i18n/locales';
import type { OutboxMessage } from '@/lib/notify/outbox';

/**
 * The sign-in SMS for an account created by publishing (seed 000 §2.7): English and Hindi in
 * one message, since we do not know the holder's language yet.
 */
const bodies = new Map<string, string>();

export function accountCreatedMessage(to: { mobile: string; issuer: string }): OutboxMessage {
  const cached = bodies.get(to.issuer);
  if (cached)
    return {
      channel: 'sms',
      recipient: to.mobile,
      body: cached,
      template: 'records.account_created',
    };
  const url = `${config.publicBaseUrl}/sign-in`;
  const body = (['en', 'hi'] as const)
    .map((locale) =>
      createTranslator({ locale, messages: CATALOGS[locale], namespace: 'recordNotifications' })(
        'accountCreatedSms',
        { issuer: to.issuer, url },
      ),
    )
    .join('\n');
  if (bodies.size > 100) bodies.clear();
  bodies.set(to.issuer, body);
  return { channel: 'sms', recipient: to.mobile, body, template: 'records.account_created' };
}
