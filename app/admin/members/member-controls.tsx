'use client';

import { useErrorText } from '@/components/i18n/use-error-text';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, inputStyles } from '@/components/ui';
import { ConfirmButton, type ConfirmTexts } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';
import { ZGrantRoleInput, type TGrantRoleInput } from '@/lib/identity/schemas';

type Org = { id: string; name: string; kind: string };

function useResultText() {
  const errorText = useErrorText();
  return (r: ActionResult) => (r.ok ? null : errorText(r.error));
}

/** Removes one role, once the admin has confirmed what it is and whose. */
export function RevokeButton({
  membershipId,
  label,
  texts,
  revoke,
}: {
  membershipId: string;
  label: string;
  texts: ConfirmTexts;
  revoke: (id: string) => Promise<ActionResult>;
}) {
  const errorText = useResultText();
  return (
    <ConfirmButton
      variant="inline"
      label={label}
      texts={texts}
      onConfirm={async () => errorText(await revoke(membershipId))}
    />
  );
}

export function GrantRoleForm({
  userId,
  orgs,
  roles,
  grant,
}: {
  userId: string;
  orgs: Org[];
  roles: { value: string; label: string }[];
  grant: (i: TGrantRoleInput) => Promise<ActionResult>;
}) {
  const t = useTranslations('admin');
  const [result, setResult] = useState<ActionResult | null>(null);
  const errorText = useResultText();
  const form = useForm<TGrantRoleInput>({
    resolver: zodResolver(ZGrantRoleInput),
    defaultValues: { userId, role: 'citizen', orgId: '' },
  });
  return (
    <form
      onSubmit={form.handleSubmit(async (v) => setResult(await grant(v)))}
      className="flex flex-wrap items-end gap-2"
    >
      <input type="hidden" {...form.register('userId')} />
      <label className="text-xs">
        <span className="block text-slate-500">{t('role')}</span>
        <select className={`${inputStyles} !min-h-9 !py-1 text-sm`} {...form.register('role')}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs">
        <span className="block text-slate-500">{t('organisation')}</span>
        <select className={`${inputStyles} !min-h-9 !py-1 text-sm`} {...form.register('orgId')}>
          <option value="">{t('noOrganisation')}</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <Button
        type="submit"
        variant="secondary"
        className="!min-h-9"
        disabled={form.formState.isSubmitting}
      >
        {t('grant')}
      </Button>
      {result ? (
        <div className="w-full">
          {result.ok ? (
            <Alert kind="success">{t('granted')}</Alert>
          ) : (
            <Alert kind="error">{errorText(result)}</Alert>
          )}
        </div>
      ) : null}
    </form>
  );
}
