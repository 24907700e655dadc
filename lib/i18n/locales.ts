import enAccount from './messages/account.en.json';
import hiAccount from './messages/account.hi.json';
import enAudit from './messages/audit.en.json';
import hiAudit from './messages/audit.hi.json';
import enBase from './messages/en.json';
import hiBase from './messages/hi.json';
import enKeys from './messages/keys.en.json';
import hiKeys from './messages/keys.hi.json';
import enOnboarding from './messages/onboarding.en.json';
import hiOnboarding from './messages/onboarding.hi.json';
import enPartners from './messages/partners.en.json';
import hiPartners from './messages/partners.hi.json';
import enRecords from './messages/records.en.json';
import hiRecords from './messages/records.hi.json';
import enRegister from './messages/register.en.json';
import hiRegister from './messages/register.hi.json';
import enRecordErrors from './messages/record-errors.en.json';
import hiRecordErrors from './messages/record-errors.hi.json';
import enTemplate from './messages/template.en.json';
import hiTemplate from './messages/template.hi.json';
import enUi from './messages/ui.en.json';
import hiUi from './messages/ui.hi.json';
import enLockerDocs from './messages/locker-docs.en.json';
import hiLockerDocs from './messages/locker-docs.hi.json';
import enLockerFiles from './messages/locker-files.en.json';
import hiLockerFiles from './messages/locker-files.hi.json';
import enEsign from './messages/esign.en.json';
import hiEsign from './messages/esign.hi.json';
import enSharing from './messages/sharing.en.json';
import hiSharing from './messages/sharing.hi.json';
import enUpload from './messages/upload.en.json';
import hiUpload from './messages/upload.hi.json';

// One catalog per language, kept in a few files by feature so that each stays readable; every
// file holds whole top-level namespaces (catalogs.test.ts checks the languages match key by key).
const en = {
  ...enBase,
  ...enAccount,
  ...enKeys,
  ...enOnboarding,
  ...enPartners,
  ...enRecords,
  ...enRecordErrors,
  ...enTemplate,
  ...enUpload,
  ...enUi,
  ...enAudit,
  ...enRegister,
  ...enLockerDocs,
  ...enLockerFiles,
  ...enEsign,
  ...enSharing,
};
const hi = {
  ...hiBase,
  ...hiAccount,
  ...hiKeys,
  ...hiOnboarding,
  ...hiPartners,
  ...hiRecords,
  ...hiRecordErrors,
  ...hiTemplate,
  ...hiUpload,
  ...hiUi,
  ...hiAudit,
  ...hiRegister,
  ...hiLockerDocs,
  ...hiLockerFiles,
  ...hiEsign,
  ...hiSharing,
};

export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', hi: 'हिन्दी' };

export const CATALOGS: Record<Locale, typeof en> = { en, hi };

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}
