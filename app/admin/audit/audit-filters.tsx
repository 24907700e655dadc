import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { Button, inputStyles } from '@/components/ui';
import { AUDIT_ACTIONS, LOGGED_ACTIONS, auditActionKey } from '@/lib/audit/actions';
import type { AuditFilter } from '@/lib/audit/filter';

/** The audit log's filters: a plain GET form, so it works without JavaScript. */
export async function AuditFilters({ filter }: { filter: AuditFilter }) {
  const t = await getTranslations('audit');
  const ta = await getTranslations('auditActions');
  const option = (a: (typeof LOGGED_ACTIONS)[number]) => (
    <option key={a} value={a}>
      {ta(auditActionKey(a) as 'auth_sign_in')}
    </option>
  );
  const permissions = LOGGED_ACTIONS.filter(
    (a) => !(AUDIT_ACTIONS as readonly string[]).includes(a),
  );
  const input = `${inputStyles} mt-1`;
  // Labels point at their fields (not wrapped around them), so a field's name is its label
  // alone, not the label and every option of a list.
  const label = (id: string, text: string) => (
    <label htmlFor={id} className="block text-sm font-medium text-slate-800">
      {text}
    </label>
  );
  return (
    <form
      method="get"
      className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <div>
        {label('audit-person', t('person'))}
        <input
          id="audit-person"
          name="person"
          defaultValue={filter.person ?? ''}
          placeholder={t('personHint')}
          className={input}
        />
      </div>
      <div>
        {label('audit-action', t('action'))}
        <select
          id="audit-action"
          name="action"
          defaultValue={filter.action ?? ''}
          className={input}
        >
          <option value="">{t('anyAction')}</option>
          <optgroup label={t('actionsGroup')}>{AUDIT_ACTIONS.map(option)}</optgroup>
          <optgroup label={t('accessGroup')}>{permissions.map(option)}</optgroup>
        </select>
      </div>
      {(['from', 'to'] as const).map((key) => (
        <div key={key}>
          {label(`audit-${key}`, t(key))}
          <input
            id={`audit-${key}`}
            type="date"
            name={key}
            defaultValue={filter[key] ?? ''}
            className={input}
          />
        </div>
      ))}
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">{t('apply')}</Button>
        <Link href="/admin/audit" className="text-sm underline">
          {t('clear')}
        </Link>
      </div>
    </form>
  );
}
