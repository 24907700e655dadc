import { expect, test } from '@playwright/test';
import { roleJourney } from '../areas';
import { DEMO, signIn } from '../helpers';

roleJourney({
  role: 'citizen',
  mobile: DEMO.citizen,
  path: '/locker',
  english: /Welcome, आशा शर्मा/,
  hindi: /स्वागत है, आशा शर्मा/,
});

test('a citizen opening /admin is refused', async ({ page }) => {
  await signIn(page, DEMO.teacher);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  // The header offers only the areas this user holds.
  await expect(page.locator('nav [data-area]')).toHaveCount(1);
});

test('a new mobile number creates a locker on first sign-in', async ({ page }) => {
  const mobile = `8${String(Date.now()).slice(-9)}`;
  await signIn(page, mobile);
  await expect(page).toHaveURL(/\/locker$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My locker');
});

test('the profile form explains bad input beside the field and saves good input', async ({
  page,
}) => {
  await signIn(page, DEMO.teacher);
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page).toHaveURL(/\/locker\/profile$/);
  await page.getByLabel('Name').fill('R');
  await page.getByLabel('Date of birth').fill('2999-01-01');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Enter a name of 2 to 100 characters.')).toBeVisible();
  await expect(page.getByText('Enter a real date of birth in the past.')).toBeVisible();
  await page.getByLabel('Name').fill('Ravi Kumar Patel');
  await page.getByLabel('Date of birth').fill('1992-08-25');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Name')).toHaveValue('Ravi Kumar Patel');
});
