import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Alert, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { getCurrentUser } from '@/lib/auth/session';
import { toLocale } from '@/lib/i18n/locales';
import {
  AGREEMENT_VERSION,
  listOwnApplications,
  listOwnRegistryRequests,
  searchListedEntries,
} from '@/lib/institutions';
import { AGREEMENT_TEXT } from '@/lib/institutions/agreement';
import {
  requestRegistryEntryAction,
  searchRegistryAction,
  submitApplicationAction,
} from './actions';
import { ApplicationStatus, RegistryRequests } from './application-status';
import { RegisterWizard } from './register-wizard';

// Outside the guarded institution area on purpose: any signed-in person may apply.
export default async function RegisterInstitutionPage({
  searchParams,
}: {
  searchParams: Promise<{ new?: string; submitted?: string }>;
}) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent('/institution/register')}`);
  const params = await searchParams;
  const db = getDb();
  const [apps, requests] = await Promise.all([
    listOwnApplications(db, { userId: user.id }),
    listOwnRegistryRequests(db, { userId: user.id }),
  ]);
  const t = await getTranslations('onboarding');
  // One application at a time is the usual case; another institution can still be registered.
  const open = apps.some((a) => a.status !== 'rejected');
  const showWizard = !open || params.new === '1';
  const initialEntries = showWizard ? await searchListedEntries(db, { q: '' }) : [];
  return (
    <div className="mx-auto max-w-3xl space-y-6" data-testid="institution-register">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>
      {params.submitted === '1' ? <Alert kind="success">{t('submitted')}</Alert> : null}
      {apps.length > 0 ? <ApplicationStatus apps={apps} /> : null}
      {requests.length > 0 ? <RegistryRequests requests={requests} /> : null}
      {showWizard ? (
        <Card>
          <ClientMessages
            namespaces={['onboarding', 'onboardingContact', 'onboardingErrors', 'errors']}
          >
            <RegisterWizard
              initialEntries={initialEntries}
              agreement={AGREEMENT_TEXT[toLocale(await getLocale())]}
              version={AGREEMENT_VERSION}
              me={{ name: user.name ?? '', mobile: user.mobile ?? '', email: user.email ?? '' }}
              lookup={{ search: searchRegistryAction, request: requestRegistryEntryAction }}
              submit={submitApplicationAction}
            />
          </ClientMessages>
        </Card>
      ) : (
        <Link href="/institution/register?new=1" className="inline-block text-brand-700 underline">
          {t('registerAnother')}
        </Link>
      )}
    </div>
  );
}
