import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/i18n/client-messages';
import { Card, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { getProfile } from '@/lib/identity/users';
import { saveProfileAction } from '../actions';
import { ProfileForm } from '../profile-form';

export default async function LockerProfilePage() {
  const { user } = await requirePageAccess('locker.view', { next: '/locker/profile' });
  const profile = await getProfile(user.id);
  const t = await getTranslations('locker');
  return (
    <div className="space-y-6">
      <PageTitle sub={user.mobile ? `${t('mobile')}: +91 ${user.mobile}` : undefined}>
        {t('profileTitle')}
      </PageTitle>
      <Card title={t('profileTitle')}>
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
    </div>
  );
}
