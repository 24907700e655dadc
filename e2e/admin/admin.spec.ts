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
