import { expect, test } from '@playwright/test';
import { switchLanguage } from '../helpers';

test('a phone set to Hindi opens Sanad in Hindi until the person chooses', async ({
  browser,
}, info) => {
  const context = await browser.newContext({
    locale: 'hi-IN',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
  await expect(page.getByRole('link', { name: 'साइन इन करें' }).first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('home-hi-phone.png'), fullPage: true });

  // Their choice wins over the phone's language, on every page after.
  await switchLanguage(page, 'English');
  await page.goto('/verify');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();

  // A browser in English, or in a language Sanad does not have, opens in English.
  for (const locale of ['en-US', 'fr-FR']) {
    const other = await browser.newContext({ locale });
    const p = await other.newPage();
    await p.goto('/');
    await expect(p.locator('html')).toHaveAttribute('lang', 'en');
    await other.close();
  }
});

test('the browser tab shows the Sanad mark', async ({ page }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
  expect(await icon.text()).toContain('<title>Sanad</title>');
});
