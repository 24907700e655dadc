import { expect, test } from '@playwright/test';
import { roleJourney } from '../areas';
import { DEMO, signIn, switchLanguage } from '../helpers';

roleJourney({
  role: 'platform-admin',
  mobile: DEMO.admin,
  path: '/admin',
  english: /^Administration$/,
  hindi: /^प्रशासन$/,
});

test('a role removed by the admin takes effect on the next request', async ({ browser }) => {
  // A person of their own (the demo operator is busy in other tests), signed in and working.
  const mobile = `7${String(Date.now()).slice(-9)}`;
  const person = await (await browser.newContext()).newPage();
  await signIn(person, mobile);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto(`/admin/members?q=${mobile}`);
  const card = admin.locator('section', { hasText: mobile });
  const grant = async () => {
    await card.getByLabel('Role').selectOption('institution_operator');
    await card.getByLabel('Organisation').selectOption({ label: 'Demo Skills Institute, Pune' });
    await card.getByRole('button', { name: 'Grant role' }).click();
    await expect(card.getByText('Role granted.')).toBeVisible();
    await expect(card.locator('li', { hasText: 'Institution operator' })).toHaveCount(1);
  };
  await grant();
  expect((await person.goto('/institution'))?.status()).toBe(200);

  // The admin removes the role. It asks first, naming the role and the person; Cancel changes
  // nothing.
  const role = card.locator('li', { hasText: 'Institution operator' });
  await role.getByRole('button', { name: 'Remove' }).click();
  const dialog = admin.getByRole('alertdialog');
  await expect(dialog.getByRole('heading')).toHaveText(
    `Remove the role “Institution operator · Demo Skills Institute, Pune” from ${mobile}?`,
  );
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await person.goto('/institution'))?.status()).toBe(200);
  await role.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Yes, remove the role' }).click();
  await expect(role).toHaveCount(0);

  // Their very next request is refused, with the same session cookie.
  expect((await person.goto('/institution'))?.status()).toBe(403);

  // Put it back, and it works again at once.
  await grant();
  expect((await person.goto('/institution'))?.status()).toBe(200);

  // Each change is in the audit log, in words, found by the person it concerns.
  await admin.goto(`/admin/audit?person=${mobile}`);
  const entries = admin.getByTestId('audit-entry');
  await expect(entries.filter({ hasText: 'Remove a role' })).toHaveCount(1);
  await expect(entries.filter({ hasText: 'Grant a role' })).toHaveCount(2);
});

test('the admin rotates an issuer’s keys; a certificate signed before still verifies', async ({
  browser,
}) => {
  // A certificate issued with the current keys, seen by its institution's owner.
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, DEMO.owner);
  await owner.goto('/institution/certificates?q=DSI/2026/000103');
  await owner.getByRole('link', { name: 'DSI/2026/000103' }).click();
  const verifyUrl = await owner
    .getByRole('link', { name: 'Open the public verification page' })
    .getAttribute('href');

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.getByRole('link', { name: 'Signing keys' }).first().click();
  await expect(admin).toHaveURL(/\/admin\/keys$/);
  // Many institutions have keys: the admin finds this one by its issuer code.
  await admin.getByLabel('Organisation name or issuer code').fill('in.sanad.demoskills');
  await admin.getByRole('button', { name: 'Search' }).click();
  await expect(admin).toHaveURL(/\/admin\/keys\?q=in\.sanad\.demoskills$/);
  await expect(admin.getByTestId('key-holders-count')).toHaveText('1 organisation matches');
  const card = admin.locator('section', {
    has: admin.getByRole('heading', { name: 'Demo Skills Institute, Pune' }),
  });
  const before = await card.locator('li', { hasText: 'Active' }).allTextContents();
  expect(before).toHaveLength(2);

  await card.getByRole('button', { name: 'Rotate keys' }).click();
  await card.getByRole('button', { name: 'Continue' }).click();
  await expect(card.getByText('Give a reason of 5 to 300 characters.')).toBeVisible();
  await card.getByLabel('Why are you rotating the keys?').fill('Yearly rotation (test)');
  await card.getByRole('button', { name: 'Continue' }).click();
  await card.getByRole('button', { name: 'Yes, rotate the keys' }).click();
  await expect(card.getByText(/^Keys rotated\. New key ids:/)).toBeVisible();
  await expect(card.locator('li', { hasText: 'Retired' })).toHaveCount(2);
  const after = await card.locator('li', { hasText: 'Active' }).allTextContents();
  expect(after).toHaveLength(2);
  expect(after).not.toEqual(before);

  // Signed before the rotation, still genuine: the retired public keys stay published.
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 } })
  ).newPage();
  await phone.goto(verifyUrl!);
  await expect(phone.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await expect(phone.getByTestId('signature-check')).toContainText('genuine');

  // The audit log has the rotation.
  await admin.goto('/admin/audit?action=issuer.keys.rotate');
  await expect(admin.getByTestId('audit-entry').first()).toContainText(
    'Rotate an issuer’s signing keys',
  );
});

test('the audit log reads in words and in the reader’s local time, filtered and paged', async ({
  browser,
}, info) => {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  const admin = await context.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto('/admin/audit');
  // The browser's time zone reaches the server once; times are then New York's.
  await expect(admin.getByTestId('audit-total')).toContainText('Times in America/New_York');

  // Filter by person, action and today's date (New York's day).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
    new Date(),
  );
  await admin.getByLabel('Person').fill(DEMO.admin);
  await admin.getByLabel('Action').selectOption({ label: 'Sign in' });
  await admin.getByLabel('From', { exact: true }).fill(today);
  await admin.getByLabel('To', { exact: true }).fill(today);
  await admin.getByRole('button', { name: 'Show' }).click();
  await expect(admin).toHaveURL(
    new RegExp(`person=${DEMO.admin}&action=auth\\.sign_in&from=${today}&to=${today}$`),
  );
  const entries = admin.getByTestId('audit-entry');
  await expect(entries.first()).toContainText('Sign in');
  await expect(entries.first()).toContainText('Done');
  const time = entries.first().locator('time');
  const at = new Date((await time.getAttribute('datetime'))!);
  await expect(time).toHaveText(
    new Intl.DateTimeFormat('en-IN', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'America/New_York',
    }).format(at),
  );
  for (const text of await entries.allTextContents()) expect(text).toContain('Sign in');

  // A date that is not a date is said, not silently dropped.
  await admin.goto('/admin/audit?from=2026-02-30');
  await expect(admin.getByRole('main').getByRole('alert')).toContainText(
    'The “From” date is not a date',
  );

  // The whole log is paged.
  await admin.goto('/admin/audit');
  const total = Number(
    (await admin.getByTestId('audit-total').textContent())!.replace(/,/g, '').match(/\d+/)![0],
  );
  if (total > 50) await expect(admin.getByText(/^Page 1 of \d+$/)).toBeVisible();

  // In Hindi, on a phone.
  await switchLanguage(admin, 'हिन्दी');
  await admin.goto(`/admin/audit?person=${DEMO.admin}&action=auth.sign_in`);
  await expect(entries.first()).toContainText('साइन इन');
  await admin.setViewportSize({ width: 390, height: 844 });
  await admin.screenshot({ path: info.outputPath('audit-hi-phone.png'), fullPage: true });
  await switchLanguage(admin, 'English');
  await context.close();
});

test('the admin blocks a person, who is signed out at once and told why they cannot sign in', async ({
  browser,
}) => {
  const mobile = `7${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 90 + 10)}`;
  const person = await (await browser.newContext()).newPage();
  await signIn(person, mobile);
  await expect(person).toHaveURL(/\/locker$/);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto(`/admin/members?q=${mobile}`);
  const card = admin.locator('section', { hasText: mobile });
  await card.getByRole('button', { name: 'Block' }).click();
  await card.getByLabel(/Reason/).fill('Shared their account');
  await card.getByRole('button', { name: /^Block / }).click();
  await expect(card.getByTestId('blocked-badge')).toBeVisible();
  await expect(card).toContainText('Blocked: Shared their account');

  // The person's very next request is signed out.
  await person.goto('/locker');
  await expect(person).toHaveURL(/\/sign-in/);
  // Signing in again: after the right code, they are told the account is blocked.
  await person.getByLabel('Mobile number or email').fill(mobile);
  await person.getByRole('button', { name: 'Send code' }).click();
  await expect(person.getByLabel('6-digit code')).toBeVisible();
  const inbox = await person.context().newPage();
  await inbox.goto(`/dev/inbox?to=${mobile}`);
  const code = (await inbox.getByTestId('otp-code').first().textContent())!.trim();
  await inbox.close();
  await person.getByLabel('6-digit code').fill(code);
  await person.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(person.getByRole('alert').filter({ hasText: /blocked/ })).toBeVisible();

  await card.getByRole('button', { name: 'Unblock' }).click();
  await expect(card.getByTestId('blocked-badge')).toHaveCount(0);
  await signIn(person, mobile);
  await expect(person).toHaveURL(/\/locker$/);
});
