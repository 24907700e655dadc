import { expect, type Page } from '@playwright/test';

// An institution's award file in the browser: upload it and wait for its validation, then
// publish it with a design.

export async function uploadFile(page: Page, name: string, content: string) {
  await page.goto('/institution/uploads/new');
  await page.getByTestId('upload-file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(content),
  });
  await expect(page.getByTestId('preview-summary')).toBeVisible();
  await page.getByTestId('upload-submit').click();
  await page.waitForURL(/\/institution\/uploads\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('upload-status')).not.toHaveAttribute(
    'data-status',
    /received|validating/,
    { timeout: 30_000 },
  );
}

export async function publishWith(page: Page, design: 'classic' | 'modern') {
  await page.getByTestId(`design-${design}`).check();
  await page.getByTestId('publish-submit').click();
  await expect(page.getByTestId('publish-done')).toBeVisible({ timeout: 30_000 });
}
