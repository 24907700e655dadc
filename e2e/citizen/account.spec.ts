import { expect, test, type Page } from '@playwright/test';
import { signIn, switchLanguage } from '../helpers';

const freshMobile = () => `7${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 90 + 10)}`;

async function codeFromInbox(page: Page, to: string): Promise<string> {
  const inbox = await page.context().newPage();
  await inbox.goto(`/dev/inbox?to=${encodeURIComponent(to)}`);
  const code = (await inbox.getByTestId('otp-code').first().textContent())?.trim() ?? '';
  await inbox.close();
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

test('a citizen adds an email with a code, signs in with it, and manages where they are signed in', async ({
  browser,
}, info) => {
  const mobile = freshMobile();
  const email = `citizen.${mobile}@example.org`;
  const phone = await (await browser.newContext()).newPage();
  await signIn(phone, mobile);
  await phone.getByTestId('account-link').click();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Your account');

  // The email is added only with the code sent to it.
  const emailRow = phone.getByTestId('sign-in-email');
  await expect(emailRow).toContainText('Not added');
  await emailRow.getByRole('button', { name: 'Add an email' }).click();
  await emailRow.getByLabel('New email address').fill(email);
  await emailRow.getByRole('button', { name: 'Send code' }).click();
  await emailRow.getByLabel('6-digit code').fill('000000');
  await emailRow.getByRole('button', { name: 'Confirm' }).click();
  await expect(emailRow.getByRole('alert')).toContainText(/wrong or has expired/);
  await emailRow.getByLabel('6-digit code').fill(await codeFromInbox(phone, email));
  await emailRow.getByRole('button', { name: 'Confirm' }).click();
  await expect(emailRow).toContainText('Your email is saved');
  await expect(emailRow).toContainText(email);

  // A second browser signs in with the email, into the same locker.
  const laptop = await (await browser.newContext()).newPage();
  await signIn(laptop, email);
  await expect(laptop.getByTestId('area-locker')).toContainText(`+91 ${mobile}`);

  // The phone sees both sign-ins and ends the laptop's.
  await phone.reload();
  const sessions = phone.getByTestId('sessions').locator('li');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1);
  await sessions
    .filter({ hasNotText: 'This device' })
    .getByRole('button', { name: 'Sign out' })
    .click();
  await expect(sessions).toHaveCount(1);
  await laptop.goto('/locker');
  await expect(laptop).toHaveURL(/\/sign-in/);

  await switchLanguage(phone, 'हिन्दी');
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('आपका खाता');
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.screenshot({ path: info.outputPath('account-hi-phone.png'), fullPage: true });
  await switchLanguage(phone, 'English');

  // Sign out everywhere, after a second look.
  await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
  await phone.getByRole('alertdialog').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(phone).toHaveURL(/\/sign-in/);
  await phone.goto('/locker');
  await expect(phone).toHaveURL(/\/sign-in\?next=%2Flocker$/);
});
