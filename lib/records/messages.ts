import { createTranslator } from 'next-intl';
import { config } from '@/lib/config';
import { CATALOGS } from '@/lib/i18n/locales';
import type { OutboxMessage } from '@/lib/notify/outbox';

/**
 * The SMS of a publish, in English and Hindi in one message (the holders' language is not known
 * for new accounts, and one text goes to a chunk's numbers as one bulk message): the sign-in SMS
 * for the accounts it created (seed 000 §2.7), and the notice to existing accounts that an award
 * reached their locker. One text per issuer and kind.
 */
const bodies = new Map<string, string>();

function bilingual(key: 'accountCreatedSms' | 'awardLinkedSms', issuer: string): string {
  const id = `${key}\n${issuer}`;
  let body = bodies.get(id);
  if (!body) {
    const url = `${config.publicBaseUrl}/sign-in`;
    body = (['en', 'hi'] as const)
      .map((locale) =>
        createTranslator({ locale, messages: CATALOGS[locale], namespace: 'recordNotifications' })(
          key,
          { issuer, url },
        ),
      )
      .join('\n');
    if (bodies.size > 100) bodies.clear();
    bodies.set(id, body);
  }
  return body;
}

export function accountCreatedMessage(issuer: string): Omit<OutboxMessage, 'recipient'> {
  return {
    channel: 'sms',
    body: bilingual('accountCreatedSms', issuer),
    template: 'records.account_created',
  };
}

export function awardLinkedMessage(issuer: string): Omit<OutboxMessage, 'recipient'> {
  return {
    channel: 'sms',
    body: bilingual('awardLinkedSms', issuer),
    template: 'records.award_linked',
  };
}
