import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../helpers';

const PHONE = { width: 390, height: 844 };

test('the certificate register: all of them counted, searched, paged and downloaded', async ({
  page,
}, info) => {
  await signIn(page, DEMO.owner);
  // From the dashboard and from the area's menu.
  await page.getByRole('link', { name: /^All \d+ certificates$/ }).click();
  await expect(page).toHaveURL(/\/institution\/certificates$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Certificate register');
  await expect(page.getByRole('link', { name: 'Certificates', exact: true })).toBeVisible();
  const total = Number((await page.getByTestId('register-total').textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: info.outputPath('register-desktop.png'), fullPage: true });

  await page.getByLabel('Search by certificate number or name').fill('000102');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/institution\/certificates\?q=000102$/);
  await expect(page.getByTestId('register-total')).toHaveText(`1 of ${total} certificates match`);
  await expect(page.getByRole('link', { name: 'DSI/2026/000102' })).toBeVisible();

  // The whole register as CSV: every certificate, no Aadhaar number in clear.
  await page.goto('/institution/certificates');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the register (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^certificate-register-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await file.path())!, 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^CERT_NO,VERSION,STATUS,/);
  expect(lines).toHaveLength(total + 1);
  expect(csv).toContain('DSI/2026/000101');
  expect(csv).not.toMatch(/\d{12}/);

  // An old link that searched on the dashboard still finds it.
  await page.goto('/institution?q=DSI/2026/000103');
  await expect(page).toHaveURL(/\/institution\/certificates\?q=DSI%2F2026%2F000103$/);

  await page.setViewportSize(PHONE);
  await page.goto('/institution/certificates');
  await page.screenshot({ path: info.outputPath('register-phone.png'), fullPage: true });
});

test('the owner removes a person: asked first, effective on their next request, locker kept', async ({
  browser,
}, info) => {
  const mobile = `8${String(Date.now()).slice(-9)}`;
  const owner = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(owner, DEMO.owner);
  await owner.goto('/institution/people');
  await owner.getByLabel('Full name').fill('Kavita Removable');
  await owner.getByLabel('Designation').fill('Clerk');
  await owner.getByLabel('Mobile number').fill(mobile);
  await owner.getByLabel('Email address').fill(`kavita.${mobile}@example.org`);
  await owner.getByRole('button', { name: 'Add the person' }).click();
  const row = owner.getByTestId('people-list').locator('li', { hasText: 'Kavita Removable' });
  await expect(row).toContainText('Institution operator');

  // She signs in and works for the institution.
  const kavita = await (await browser.newContext()).newPage();
  await signIn(kavita, mobile);
  expect((await kavita.goto('/institution'))?.status()).toBe(200);

  // The owner removes her; it asks first, saying what will happen, and Escape changes nothing.
  await row.getByRole('button', { name: 'Remove Kavita Removable' }).click();
  const dialog = owner.getByRole('alertdialog', {
    name: 'Remove Kavita Removable from Demo Skills Institute, Pune?',
  });
  await expect(dialog).toContainText('Their own account and locker stay');
  await owner.screenshot({ path: info.outputPath('remove-person-phone.png') });
  await owner.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await kavita.goto('/institution'))?.status()).toBe(200);
  await row.getByRole('button', { name: 'Remove Kavita Removable' }).click();
  await dialog.getByRole('button', { name: 'Yes, remove them' }).click();
  await expect(row).toHaveCount(0);

  // Her very next request is refused; her own locker still opens.
  expect((await kavita.goto('/institution'))?.status()).toBe(403);
  expect((await kavita.goto('/locker'))?.status()).toBe(200);

  // The last owner has no Remove button.
  const ownerRow = owner.getByTestId('people-list').locator('li', { hasText: 'Institution owner' });
  await expect(ownerRow.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
});
