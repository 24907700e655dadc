import { createTranslator } from 'next-intl';
import { CATALOGS, toLocale } from '@/lib/i18n/locales';
import type { SignInIdentifier } from '@/lib/identity/identifiers';
import type { OutboxMessage } from './outbox';

function translator(locale?: string) {
  const l = toLocale(locale);
  return createTranslator({ locale: l, messages: CATALOGS[l], namespace: 'notifications' });
}

/** The SMS or email that carries a sign-in code (or a code to add the identifier to an account). */
export function signInCodeMessage(
  to: SignInIdentifier,
  code: string,
  locale?: string,
  purpose: 'sign_in' | 'link' = 'sign_in',
): OutboxMessage {
  const t = translator(locale);
  const link = purpose === 'link';
  const template = link ? 'auth.link' : 'auth.otp';
  return to.kind === 'mobile'
    ? {
        channel: 'sms',
        recipient: to.value,
        body: t(link ? 'linkSms' : 'otpSms', { code }),
        template,
      }
    : {
        channel: 'email',
        recipient: to.value,
        subject: t(link ? 'linkEmailSubject' : 'otpEmailSubject'),
        body: t(link ? 'linkEmailBody' : 'otpEmailBody', { code }),
        template,
      };
}

/** The SMS or email carrying a code that confirms an e-signature (lib/esign). */
export function esignCodeMessage(
  to: SignInIdentifier,
  code: string,
  locale?: string,
): OutboxMessage {
  const t = createTranslator({
    locale: toLocale(locale),
    messages: CATALOGS[toLocale(locale)],
    namespace: 'esign',
  });
  return to.kind === 'mobile'
    ? { channel: 'sms', recipient: to.value, body: t('codeSms', { code }), template: 'auth.esign' }
    : {
        channel: 'email',
        recipient: to.value,
        subject: t('codeEmailSubject'),
        body: t('codeEmailBody', { code }),
        template: 'auth.esign',
      };
}

/** Told to the identifier that was replaced: a change its owner did not make shows at once. */
export function identifierChangedMessage(
  old: SignInIdentifier,
  now: SignInIdentifier,
  locale?: string,
): OutboxMessage {
  const t = translator(locale);
  const what = t(now.kind === 'mobile' ? 'whatMobile' : 'whatEmail');
  const to = now.kind === 'mobile' ? `+91 ${now.value}` : now.value;
  return old.kind === 'mobile'
    ? {
        channel: 'sms',
        recipient: old.value,
        body: t('identifierChangedSms', { what, to }),
        template: 'auth.identifier_changed',
      }
    : {
        channel: 'email',
        recipient: old.value,
        subject: t('identifierChangedEmailSubject'),
        body: t('identifierChangedEmailBody', { what, to }),
        template: 'auth.identifier_changed',
      };
}
