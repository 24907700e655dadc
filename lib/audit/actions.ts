import { ACTIONS, type Action } from '@/lib/auth/permissions';

/**
 * Every action the audit log records. `recordAudit` takes only these (or a permission, which is
 * what a refused page records), and each has a label in every language
 * (`auditActions.*`, checked by actions.test.ts), so the log reads in words.
 */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_up',
  'auth.sign_out',
  'auth.sign_out_everywhere',
  'auth.session_ended',
  'auth.code_failed',
  'auth.code_locked',
  'sms.budget_exceeded',
  'account.identifier_changed',
  'account.email_removed',
  'user.block',
  'user.unblock',
  'request.cross_site',
  'membership.grant',
  'membership.revoke',
  'certificate.revoke',
  'certificate.suspend',
  'certificate.reinstate',
  'issuer.keys.rotate',
  'partner.create',
  'partner.revoke',
  'partner.keyhash.allow',
  'partner.keyhash.stop',
  'digilocker.auth-failed',
  'digilocker.pull-uri',
  'digilocker.pull-doc',
  'institution.apply',
  'institution.approve',
  'institution.reject',
  'institution.registry.request',
  'institution.registry.add',
  'institution.registry.list',
  'institution.registry.decline',
  'institution.person.add',
  'institution.person.remove',
  'institution.choose',
  'records.upload',
  'records.upload.duplicate',
  'records.publish',
  'records.publish.resume',
  'share.create',
  'share.revoke',
  'correction.request',
  'correction.withdraw',
  'correction.answer',
  'correction.fix',
  'locker.claim',
  'locker.aadhaar_link',
  'locker.aadhaar_unlink',
  'esign.code_sent',
  'esign.sign',
  'locker.file.upload',
  'locker.file.refuse',
  'locker.file.rename',
  'locker.file.move',
  'locker.file.delete',
  'locker.folder.create',
  'locker.folder.rename',
  'locker.folder.delete',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number] | Action;

/** What the audit page offers to filter by, in this order. */
export const LOGGED_ACTIONS: readonly AuditAction[] = [...new Set([...AUDIT_ACTIONS, ...ACTIONS])];

export function isAuditAction(value: string): value is AuditAction {
  return (LOGGED_ACTIONS as readonly string[]).includes(value);
}

/** The action's key under `auditActions` (next-intl reads dots as nesting). */
export function auditActionKey(action: AuditAction): string {
  return action.replaceAll('.', '_');
}
