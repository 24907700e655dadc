import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../helpers';

test('the holder downloads the signed XML; anyone uploads it at /verify; a tampered copy is refused', async ({
  page,
}, info) => {
  await signIn(page, DEMO.teacher);
  const list = page.getByTestId('issued-documents');
  await expect(list).toContainText('Certificate of Course Completion');
  const href = await list.getByRole('link', { name: 'XML' }).first().getAttribute('href');
  const xml = (await (await page.request.get(href!)).body()).toString('utf8');
  expect(xml).toContain('<Certificate ');
  expect(xml).toContain('Ravi Patel');

  await page.goto('/verify');
  await page.getByLabel('Certificate XML file').setInputFiles({
    name: 'certificate.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(xml),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('upload-result')).toHaveAttribute('data-genuine', 'true');
  await expect(page.getByTestId('upload-live-status')).toHaveText('Valid certificate');
  await page.screenshot({ path: info.outputPath('upload-genuine.png'), fullPage: true });

  await page.getByLabel('Certificate XML file').setInputFiles({
    name: 'forged.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(xml.replace('Ravi Patel', 'Ravi Pate1')),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByTestId('upload-result')).toHaveAttribute('data-genuine', 'false');
  await expect(page.getByText('The signature does not match')).toBeVisible();

  await page.getByLabel('Certificate XML file').setInputFiles({
    name: 'evil.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Certificate>&e;</Certificate>',
    ),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(
    page.getByText('Files with a DOCTYPE or entity declarations are refused.'),
  ).toBeVisible();
});

test("a citizen cannot download someone else's certificate", async ({ page, browser }) => {
  await signIn(page, DEMO.citizen);
  const href = await page
    .getByTestId('issued-documents')
    .getByRole('link', { name: 'PDF' })
    .first()
    .getAttribute('href');
  expect((await page.request.get(href!)).status()).toBe(200);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, DEMO.teacher);
  const res = await other.request.get(href!);
  // Someone else's document is answered as if it did not exist.
  expect(res.status()).toBe(404);
  expect(await res.json()).toMatchObject({ error: 'notFound' });
});

test('GET /api/verify/{code} answers JSON, 404 for an unknown code', async ({ request }) => {
  const res = await request.get('/api/verify/ZZZZ-ZZZZ-ZZZZ');
  expect(res.status()).toBe(404);
  expect(await res.json()).toMatchObject({ status: 'not-found' });
  expect(res.headers()['cache-control']).toContain('no-store');
});
