import { createTranslator } from 'next-intl';
import { config } from '@/lib/config';
import { formatTimestamp } from '@/lib/i18n/format';
import { CATALOGS, toLocale, type Locale } from '@/lib/i18n/locales';
import type { OutboxMessage } from '@/lib/notify/outbox';
import { AGREEMENT_VERSION, agreementPlainText } from './agreement';

// The SMS and emails of onboarding (seed 000 §2.4 vi–vii), in the recipient's language.

export type Recipient = { name: string; mobile: string | null; email: string | null };
type T = ReturnType<typeof translator>;

function translator(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGS[locale], namespace: 'onboardingNotify' });
}

/** One SMS and one email per person, skipping what they have no address for. */
function toPerson(
  to: Recipient,
  template: string,
  m: { sms: string; subject: string; body: string },
): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  if (to.mobile) out.push({ channel: 'sms', recipient: to.mobile, body: m.sms, template });
  if (to.email)
    out.push({ channel: 'email', recipient: to.email, subject: m.subject, body: m.body, template });
  return out;
}

/** The same person may be named twice (owner and authorized person): one message per address. */
export function dedupe(messages: OutboxMessage[]): OutboxMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.channel}:${m.recipient}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const url = (path: string) => `${config.publicBaseUrl}${path}`;
const greet = (t: T, name: string) => (name ? t('greeting', { name }) : t('greetingPlain'));

export type Role = 'owner' | 'authorized' | 'applicant';
const roleText = (t: T, role: Role) =>
  role === 'owner'
    ? t('roleOwner')
    : role === 'authorized'
      ? t('roleAuthorized')
      : t('roleApplicant');

export function applicationSubmittedMessages(
  to: Recipient & { role: Role },
  app: { institution: string; acceptedAt: Date },
  locale?: string,
): OutboxMessage[] {
  const l = toLocale(locale);
  const t = translator(l);
  const args = { institution: app.institution, role: roleText(t, to.role) };
  return toPerson(to, 'institution.application.submitted', {
    sms: t('submittedSms', args),
    subject: t('submittedSubject', args),
    body: [
      greet(t, to.name),
      t('submittedBody', {
        ...args,
        version: AGREEMENT_VERSION,
        acceptedAt: formatTimestamp(l, app.acceptedAt),
      }),
      agreementPlainText(l),
    ].join('\n\n'),
  });
}

export function applicationApprovedMessages(
  to: Recipient & { signIn: boolean },
  institution: string,
  locale?: string,
): OutboxMessage[] {
  const t = translator(toLocale(locale));
  // Owner and authorized person get sign-in instructions; an applicant with no role only news.
  const args = { institution, url: url('/sign-in'), mobile: to.mobile ?? '' };
  return toPerson(to, 'institution.application.approved', {
    sms: to.signIn ? t('approvedSms', args) : t('approvedApplicantSms', args),
    subject: t('approvedSubject', args),
    body: [
      greet(t, to.name),
      to.signIn ? t('approvedBody', args) : t('approvedApplicantBody', args),
    ].join('\n\n'),
  });
}

export function applicationRejectedMessages(
  to: Recipient,
  app: { institution: string; reason: string },
  locale?: string,
): OutboxMessage[] {
  const t = translator(toLocale(locale));
  const args = { ...app, url: url('/institution/register') };
  return toPerson(to, 'institution.application.rejected', {
    sms: t('rejectedSms', args),
    subject: t('rejectedSubject', args),
    body: [greet(t, to.name), t('rejectedBody', args)].join('\n\n'),
  });
}

export function personAddedMessages(
  to: Recipient,
  p: { institution: string; by: string },
  locale?: string,
): OutboxMessage[] {
  const t = translator(toLocale(locale));
  const args = { ...p, url: url('/sign-in'), mobile: to.mobile ?? '' };
  return toPerson(to, 'institution.person.added', {
    sms: t('personAddedSms', args),
    subject: t('personAddedSubject', args),
    body: [greet(t, to.name), t('personAddedBody', args)].join('\n\n'),
  });
}

export function registryDecisionMessages(
  to: Recipient,
  d: { institution: string; listed: boolean; reason: string },
  locale?: string,
): OutboxMessage[] {
  const t = translator(toLocale(locale));
  const args = { institution: d.institution, reason: d.reason, url: url('/institution/register') };
  const template = d.listed ? 'institution.registry.listed' : 'institution.registry.declined';
  return toPerson(
    to,
    template,
    d.listed
      ? {
          sms: t('listedSms', args),
          subject: t('listedSubject', args),
          body: [greet(t, to.name), t('listedBody', args)].join('\n\n'),
        }
      : {
          sms: t('declinedSms', args),
          subject: t('declinedSubject', args),
          body: [greet(t, to.name), t('declinedBody', args)].join('\n\n'),
        },
  );
}
