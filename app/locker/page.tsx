import { getTranslations } from 'next-intl/server';
import { Card, EmptyState, PageTitle } from '@/components/ui';
import { requirePageAccess } from '@/lib/auth/guard';
import { getProfile } from '@/lib/identity/users';
import { saveProfileAction } from './actions';
import { ProfileForm } from './profile-form';

export default async function LockerPage() {
  const { user } = await requirePageAccess('locker.view', { next: '/locker' });
  const profile = await getProfile(user.id);
  const t = await getTranslations('locker');
  return (
    <div className="space-y-6" data-testid="area-locker">
      <PageTitle sub={user.mobile ? `${t('mobile')}: +91 ${user.mobile}` : undefined}>
        {profile.name ? t('welcome', { name: profile.name }) : t('title')}
      </PageTitle>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('issuedTitle')}>
          <EmptyState>{t('issuedEmpty')}</EmptyState>
        </Card>
        <Card title={t('uploadedTitle')}>
          <EmptyState>{t('uploadedEmpty')}</EmptyState>
        </Card>
      </div>
      <Card title={t('profileTitle')}>
        <ProfileForm
          save={saveProfileAction}
          initial={{
            name: profile.name ?? '',
            email: profile.email ?? '',
            dob: profile.dob ?? '',
            gender: (profile.gender ?? '') as 'M',
          }}
        />
      </Card>
    </div>
  );
}
