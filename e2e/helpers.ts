import { expect, type Page } from '@playwright/test';

/** Signs in with a mobile number, reading the one-time code from /dev/inbox as a person would. */
export async function signIn(page: Page, mobile: string): Promise<void> {
  await page.goto('/sign-in');
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
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
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
