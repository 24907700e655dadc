'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useErrorText } from '@/components/i18n/use-error-text';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ActionResult } from '@/lib/http/action';

export function RemovePersonButton({
  orgId,
  institution,
  person,
  remove,
}: {
  orgId: string;
  institution: string;
  person: { userId: string; name: string };
  remove: (i: unknown) => Promise<ActionResult>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const errorText = useErrorText();
  return (
    <ConfirmButton
      variant="secondary"
      className="!min-h-9 !py-1 text-sm"
      label={t('institutionPeople.removeButton')}
      ariaLabel={t('institutionPeople.removeButtonFor', { name: person.name })}
      texts={{
        title: t('confirm.removePersonTitle', { name: person.name, institution }),
        body: t('confirm.removePersonBody', { institution }),
        confirm: t('confirm.removePersonConfirm'),
        cancel: t('confirm.cancel'),
      }}
      onConfirm={async () => {
        const r = await remove({ orgId, userId: person.userId });
        if (r.ok) {
          router.refresh();
          return null;
        }
        const key = r.error.fieldErrors?.form;
        return key === 'lastOwner' ? t('institutionPeople.lastOwner') : errorText(r.error);
      }}
    />
  );
}
