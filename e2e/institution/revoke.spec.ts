import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../helpers';

// the QR on a rendered PDF decodes to the verification URL; that URL says
// "valid"; after the issuer revokes, a reload says "revoked".
test('QR → valid; the owner revokes; reload → revoked', async ({ page }, info) => {
  await signIn(page, DEMO.owner);
  await page.goto('/institution/certificates?q=DSI/2026/000101');
  await page.getByRole('link', { name: 'DSI/2026/000101' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('DSI/2026/000101');

  const pdfUrl = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
  const pdf = await page.request.get(pdfUrl!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  // Saved under the certificate's number, not an id.
  expect(pdf.headers()['content-disposition']).toBe('attachment; filename=DSI-2026-000101.pdf');
  const xmlUrl = await page.getByRole('link', { name: 'Download signed XML' }).getAttribute('href');
  expect((await page.request.get(xmlUrl!)).headers()['content-disposition']).toBe(
    'attachment; filename=DSI-2026-000101.xml',
  );
  const file = info.outputPath('certificate.pdf');
  fs.writeFileSync(file, await pdf.body());
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, info.outputPath('page')]);
  const url = execFileSync('zbarimg', ['-q', '--raw', info.outputPath('page.png')], {
    encoding: 'utf8',
  }).trim();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/verify\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  const phone = await (
    await page
      .context()
      .browser()!
      .newContext({ viewport: { width: 390, height: 844 } })
  ).newPage();
  await phone.goto(url);
  await expect(phone.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await expect(phone.getByRole('heading', { name: 'Valid certificate' })).toBeVisible();
  await expect(phone.getByTestId('signature-check')).toContainText('genuine');

  await page.getByLabel('Reason for revoking').fill('Candidate was absent from the assessment');
  await page.getByRole('button', { name: 'Revoke certificate' }).click();
  // It asks first, with the number and the reason; until then nothing has changed.
  const dialog = page.getByRole('alertdialog', { name: 'Revoke certificate DSI/2026/000101?' });
  await expect(dialog).toContainText('“Candidate was absent from the assessment”');
  await phone.reload();
  await expect(phone.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await dialog.getByRole('button', { name: 'Yes, revoke it' }).click();
  await expect(page.getByTestId('certificate-status')).toHaveAttribute('data-status', 'revoked');

  await phone.reload();
  await expect(phone.getByTestId('verify-result')).toHaveAttribute('data-status', 'revoked');
  await expect(phone.getByText('Candidate was absent from the assessment')).toBeVisible();
  await phone.screenshot({ path: info.outputPath('revoked-phone.png'), fullPage: true });
});

test("an operator cannot revoke, and another institution's certificate id is not found", async ({
  page,
}) => {
  await signIn(page, DEMO.operator);
  await page.goto('/institution/certificates?q=DSI/2026/000103');
  await page.getByRole('link', { name: 'DSI/2026/000103' }).click();
  await expect(page.getByText('Only the institution owner can revoke certificates.')).toBeVisible();
  const res = await page.goto('/institution/certificates/00000000-0000-4000-8000-000000000000');
  expect(res?.status()).toBe(404);
});
