import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Badge, Card, PageTitle } from '@/components/ui';
import { getDb } from '@/db/client';
import { requirePageAccess } from '@/lib/auth/guard';
import { getDates } from '@/lib/i18n/page-dates';
import { getProfile } from '@/lib/identity/users';
import { linkedAadhaar } from '@/lib/locker/aadhaar-link';
import {
  confirmAadhaarLinkAction,
  removeAadhaarLinkAction,
  requestAadhaarLinkAction,
  saveProfileAction,
} from '../actions';
import { ProfileForm } from '../profile-form';
import { AadhaarLink } from './aadhaar-link';

export default async function LockerProfilePage() {
  const { user } = await requirePageAccess('locker.view', { next: '/locker/profile' });
  const [profile, aadhaar, t, tl, dates] = await Promise.all([
    getProfile(user.id),
    linkedAadhaar(getDb(), user.id),
    getTranslations('lockerDocs.profile'),
    getTranslations('locker'),
    getDates(),
  ]);
  const complete = Boolean(profile.name && profile.dob && profile.gender);
  return (
    <div className="space-y-6">
      <PageTitle sub={user.mobile ? `${tl('mobile')}: +91 ${user.mobile}` : undefined}>
        {tl('profileTitle')}
      </PageTitle>
      <Card title={tl('profileTitle')}>
        <ClientMessages namespaces={['locker', 'errors']}>
          <ProfileForm
            save={saveProfileAction}
            initial={{
              name: profile.name ?? '',
              dob: profile.dob ?? '',
              gender: (profile.gender ?? '') as 'M',
            }}
          />
        </ClientMessages>
      </Card>
      <Card title={t('emailTitle')}>
        <p className="text-sm text-slate-800" data-testid="profile-email">
          {profile.email ? (
            <>
              {profile.email}{' '}
              {profile.emailVerifiedAt ? <Badge tone="green">{t('emailVerified')}</Badge> : null}
            </>
          ) : (
            t('emailNone')
          )}
        </p>
        <Link className="mt-2 inline-block text-sm underline" href="/account">
          {t('emailManage')}
        </Link>
      </Card>
      <Card title={t('aadhaarTitle')}>
        <p className="mb-4 text-sm text-slate-600">{t('aadhaarIntro')}</p>
        {aadhaar ? (
          <div className="mb-4 space-y-1 text-sm" data-testid="aadhaar-linked">
            <p className="font-medium">
              {aadhaar.linkedAt
                ? t('aadhaarLinked', { masked: aadhaar.masked })
                : t('aadhaarFromRecord', { masked: aadhaar.masked })}
            </p>
            {aadhaar.linkedAt ? (
              <p className="text-slate-500">
                {t('aadhaarLinkedOn', { date: dates.day(aadhaar.linkedAt) })}
              </p>
            ) : null}
          </div>
        ) : null}
        {!complete ? (
          <p className="text-sm text-amber-800">{t('aadhaarNeedsProfile')}</p>
        ) : !profile.mobile ? (
          <p className="text-sm text-amber-800">
            {t('aadhaarNeedsMobile')}{' '}
            <Link className="underline" href="/account">
              {t('accountLink')}
            </Link>
          </p>
        ) : (
          <ClientMessages namespaces={['lockerDocs', 'errors']}>
            <AadhaarLink
              linked={Boolean(aadhaar?.linkedAt)}
              mobileLast4={profile.mobile.slice(-4)}
              request={requestAadhaarLinkAction}
              confirm={confirmAadhaarLinkAction}
              remove={removeAadhaarLinkAction}
            />
          </ClientMessages>
        )}
      </Card>
    </div>
  );
}
