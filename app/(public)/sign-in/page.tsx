import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { redirect } from 'next/navigation';
import { Card, PageTitle } from '@/components/ui';
import { getCurrentUser } from '@/lib/auth/session';
import { homeArea } from '@/lib/auth/permissions';
import { config } from '@/lib/config';
import { safeNextPath } from '@/lib/http/safe-redirect';
import { requestCodeAction } from './actions';
import { SignInForm } from './sign-in-form';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const { next } = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(safeNextPath(next) ?? `/${homeArea(user.memberships)}`);
  const t = await getTranslations('signIn');
  return (
    <div className="mx-auto max-w-md">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      <Card>
        <ClientMessages namespaces={['signIn', 'errors']}>
          <SignInForm
            requestCode={requestCodeAction}
            next={safeNextPath(next)}
            devInbox={config.devInboxEnabled}
          />
        </ClientMessages>
      </Card>
    </div>
  );
}
