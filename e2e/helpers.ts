import { expect, type Page } from '@playwright/test';

/**
 * Signs in with a mobile number, reading the one-time code from /dev/inbox as a person would.
 *
 * Browser tests run in parallel and several of them sign in as the same demo person. Asking for
 * a code retires the earlier one (lib/auth/otp.ts), so two tests that sign in as one number at
 * the same moment can each end up holding a code the other retired. The sign-in page then says
 * the code is wrong, exactly as it should; the helper asks again, like a person would.
 */
export async function signIn(page: Page, mobile: string, next?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await trySignIn(page, mobile, next)) return;
    if (attempt === 4) throw new Error(`sign-in as ${mobile} failed four times`);
    await page.waitForTimeout(250 + Math.floor(Math.random() * 750));
  }
}

async function trySignIn(page: Page, mobile: string, next?: string): Promise<boolean> {
  await page.goto(next === undefined ? '/sign-in' : `/sign-in?next=${next}`);
  await page.getByLabel(/Mobile number or email|मोबाइल नंबर या ईमेल/).fill(mobile);
  await page.getByRole('button', { name: /Send code|कोड भेजें/ }).click();
  await expect(page.getByLabel(/6-digit code|6 अंकों का कोड/)).toBeVisible();

  const inbox = await page.context().newPage();
  await inbox.goto(`/dev/inbox?to=${mobile}`);
  const code = (await inbox.getByTestId('otp-code').first().textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await inbox.close();

  await page.getByLabel(/6-digit code|6 अंकों का कोड/).fill(code);
  await page.getByRole('button', { name: /^(Sign in|साइन इन करें)$/ }).click();
  const signedIn = page
    .waitForURL((url) => !url.pathname.startsWith('/sign-in'), {
      timeout: 20_000,
      waitUntil: 'commit',
    })
    .then(() => true);
  // The form's own error, not Next's route announcer (also role=alert, in a shadow root).
  const refused = page
    .locator('main form [role=alert]')
    .waitFor({ state: 'visible', timeout: 20_000 })
    .then(() => false);
  const outcome = await Promise.any([signedIn, refused]).catch(() => false);
  signedIn.catch(() => undefined);
  refused.catch(() => undefined);
  if (outcome) await page.waitForLoadState('load');
  return outcome;
}

export async function switchLanguage(page: Page, language: 'English' | 'हिन्दी'): Promise<void> {
  await page.getByRole('button', { name: language }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language === 'English' ? 'en' : 'hi');
}

export const DEMO = {
  admin: '9000000001',
  owner: '9000000002',
  operator: '9000000003',
  author: '9000000004',
  mentor: '9000000005',
  stateAdmin: '9000000006',
  verifier: '9000000007',
  citizen: '9876543210',
  teacher: '9876543211',
} as const;
