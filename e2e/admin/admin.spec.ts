import { expect, test } from '@playwright/test';
import { roleJourney } from '../areas';
import { DEMO, signIn } from '../helpers';

roleJourney({
  role: 'platform-admin',
  mobile: DEMO.admin,
  path: '/admin',
  english: /^Administration$/,
  hindi: /^प्रशासन$/,
});

test('a role removed by the admin takes effect on the next request', async ({ browser }) => {
  // The operator is signed in and working.
  const operator = await (await browser.newContext()).newPage();
  await signIn(operator, DEMO.operator);
  await expect(operator).toHaveURL(/\/institution$/);

  // The admin removes the operator role.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto(`/admin/members?q=${DEMO.operator}`);
  const card = admin.locator('section', { hasText: DEMO.operator });
  await card
    .locator('li', { hasText: 'Institution operator' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(card.locator('li', { hasText: 'Institution operator' })).toHaveCount(0);

  // The operator's very next request is refused, with the same session cookie.
  const response = await operator.goto('/institution');
  expect(response?.status()).toBe(403);

  // Put it back, and it works again at once.
  await card.getByLabel('Role').selectOption('institution_operator');
  await card.getByLabel('Organisation').selectOption({ label: 'Demo Skills Institute, Pune' });
  await card.getByRole('button', { name: 'Grant role' }).click();
  await expect(card.getByText('Role granted.')).toBeVisible();
  expect((await operator.goto('/institution'))?.status()).toBe(200);

  // Both changes are in the audit log.
  await admin.goto('/admin/audit');
  await expect(admin.getByText('membership.revoke').first()).toBeVisible();
  await expect(admin.getByText('membership.grant').first()).toBeVisible();
});

test('the admin rotates an issuer’s keys; a certificate signed before still verifies', async ({
  browser,
}) => {
  // A certificate issued with the current keys, seen by its institution's owner.
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, DEMO.owner);
  await owner.goto('/institution?q=DSI/2026/000103');
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

  // The audit log has the rotation with its reason.
  await admin.goto('/admin/audit');
  await expect(admin.getByText('issuer.keys.rotate').first()).toBeVisible();
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
