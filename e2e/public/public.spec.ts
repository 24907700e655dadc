import { expect, test } from '@playwright/test';

test('the home page explains Sanad and shows the way in for each kind of user', async ({
  page,
}, info) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Your certificates');
  for (const name of [
    'Students and teachers',
    'Institutions',
    'States and course teams',
    'Employers and verifiers',
  ]) {
    await expect(page.getByRole('heading', { name })).toBeVisible();
  }
  await page.screenshot({ path: info.outputPath('home-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: info.outputPath('home-phone.png'), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);
});

test('verify: an unknown code says not found; a malformed one is explained', async ({ page }) => {
  await page.goto('/verify');
  await page.getByLabel('Enter the certificate code here').fill('NOPE-1234');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/verify\/NOPE-1234/);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'not-found');
  await expect(page.getByText('Certificate not found')).toBeVisible();

  await page.goto('/verify?code=%3Cscript%3E');
  await expect(
    page.getByText('A certificate code has 6 to 64 letters, digits or hyphens.'),
  ).toBeVisible();
});

test('sign-in explains a bad number and a wrong code', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Mobile number or email').fill('12345');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText('Enter a 10-digit mobile number or an email address.')).toBeVisible();

  await page.getByLabel('Mobile number or email').fill('9123456780');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('6-digit code').fill('000000');
  await page.getByRole('button', { name: /^Sign in$/ }).click();
  await expect(page.getByText('The code is wrong or has expired.')).toBeVisible();
});

test('signed-out visitors are sent to sign-in from every area', async ({ page }) => {
  for (const area of ['locker', 'institution', 'courses', 'verifier', 'admin']) {
    await page.goto(`/${area}`);
    await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=%2F${area}|/sign-in\\?next=/${area}`));
  }
});
