import { createTranslator } from 'next-intl';
import { CATALOGS, toLocale } from '@/lib/i18n/locales';
import type { SignInIdentifier } from '@/lib/identity/identifiers';
import type { OutboxMessage } from './outbox';

function translator(locale?: string) {
  const l = toLocale(locale);
  return createTranslator({ locale: l, messages: CATALOGS[l], namespace: 'notifications' });
}

/** The SMS or email that carries a sign-in code, in the user's language. */
export function signInCodeMessage(
  to: SignInIdentifier,
  code: string,
  locale?: string,
): OutboxMessage {
  const t = translator(locale);
  return to.kind === 'mobile'
    ? { channel: 'sms', recipient: to.value, body: t('otpSms', { code }), template: 'auth.otp' }
    : {
        channel: 'email',
        recipient: to.value,
        subject: t('otpEmailSubject'),
        body: t('otpEmailBody', { code }),
        template: 'auth.otp',
      };
}
