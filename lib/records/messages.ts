import { createTranslator } from 'next-intl';
import { config } from '@/lib/config';
import { CATALOGS } from '@/lib/i18n/locales';
import type { OutboxMessage } from '@/lib/notify/outbox';

/**
 * The sign-in SMS for the accounts a publish creates (seed 000 §2.7): English and Hindi in one
 * message, since we do not know the holders' language yet. One text per issuer, sent to all of
 * a chunk's new accounts as one bulk message.
 */
const bodies = new Map<string, string>();

export function accountCreatedMessage(issuer: string): Omit<OutboxMessage, 'recipient'> {
  let body = bodies.get(issuer);
  if (!body) {
    const url = `${config.publicBaseUrl}/sign-in`;
    body = (['en', 'hi'] as const)
      .map((locale) =>
        createTranslator({ locale, messages: CATALOGS[locale], namespace: 'recordNotifications' })(
          'accountCreatedSms',
          { issuer, url },
        ),
      )
      .join('\n');
    if (bodies.size > 100) bodies.clear();
    bodies.set(issuer, body);
  }
  return { channel: 'sms', body, template: 'records.account_created' };
}
