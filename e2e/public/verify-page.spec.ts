import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from '../helpers';

/** The verification link of the teacher's course certificate, from their locker. */
async function verifyLink(page: Page): Promise<string> {
  await signIn(page, DEMO.teacher);
  const href = await page
    .getByTestId('issued-documents')
    .getByRole('link', { name: 'Verify', exact: true })
    .first()
    .getAttribute('href');
  expect(href).toMatch(/^\/verify\/[0-9A-Z-]+$/);
  return href!;
}

// The page a QR scan opens has its own lean layout: no session lookup and no client code. It
// must still look like Sanad, switch language, and work on a phone, even without JavaScript.
test('the verification page works on a phone and switches to Hindi without JavaScript', async ({
  page,
  browser,
}, info) => {
  const href = await verifyLink(page);
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    javaScriptEnabled: false,
  });
  const phone = await context.newPage();
  await phone.goto(href);
  await expect(phone.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await expect(phone.getByRole('link', { name: 'Sanad' })).toHaveAttribute('href', '/');
  await expect(phone.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await phone.getByRole('button', { name: 'हिन्दी' }).click();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(phone.getByRole('heading', { name: 'मान्य प्रमाणपत्र' })).toBeVisible();
  await expect(phone.getByRole('link', { name: 'साइन इन करें' })).toBeVisible();
  expect(new URL(phone.url()).pathname).toBe(href);
  const overflow = await phone.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);
  await phone.screenshot({ path: info.outputPath('verify-hi-phone.png'), fullPage: true });
  await context.close();
});

test('a signed-in visitor is offered their areas, not a second sign-in', async ({ page }) => {
  const href = await verifyLink(page);
  // Followed inside the site (Next.js's client router), the link shows the same answer.
  await page
    .getByTestId('issued-documents')
    .getByRole('link', { name: 'Verify', exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await page.goto(href);
  await page.getByRole('link', { name: 'Your areas' }).click();
  await expect(page).toHaveURL(/\/locker$/);
});

test('the page carries no script, and its language form refuses another site', async ({
  page,
  request,
}) => {
  const href = await verifyLink(page);
  const res = await page.goto(href);
  expect(await res!.text()).not.toContain('<script');
  expect(await page.locator('script').count()).toBe(0);

  const forged = await request.post('/api/locale', {
    form: { locale: 'hi' },
    headers: { origin: 'http://evil.example' },
  });
  expect(forged.status()).toBe(403);
  expect(await (await request.get(href)).text()).toContain('<html lang="en">');

  const odd = await request.post('/api/locale', { form: { locale: 'xx' } });
  expect(odd.status()).toBe(400);
  expect(await (await request.get(href)).text()).toContain('<html lang="en">');
});
