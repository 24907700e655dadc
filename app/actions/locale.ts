'use server';

import { cookies } from 'next/headers';
import { getCurrentUser } from '@/lib/auth/session';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/locales';
import { setUserLocale } from '@/lib/identity/users';

export async function setLocaleAction(value: string): Promise<void> {
  const locale = toLocale(value);
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
  });
  // Remembered on the account too, for messages the user did not trigger from a page (e.g. a
  // certificate issued to them), which are written in the account's language.
  const user = await getCurrentUser();
  if (user) await setUserLocale(user.id, locale);
}
