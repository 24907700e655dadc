import { expect, test } from '@playwright/test';
import { signIn, switchLanguage } from './helpers';

/**
 * The journey every role shares: sign in with the code from /dev/inbox,
 * land in the role's area, switch to Hindi and see the area in Hindi.
 */
export function roleJourney(opts: {
  role: string;
  mobile: string;
  path: string;
  english: RegExp;
  hindi: RegExp;
}) {
  test(`${opts.role}: signs in, lands in ${opts.path}, reads it in Hindi`, async ({
    page,
  }, info) => {
    await signIn(page, opts.mobile);
    await expect(page).toHaveURL(new RegExp(`${opts.path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(opts.english);
    await switchLanguage(page, 'हिन्दी');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(opts.hindi);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: info.outputPath(`${opts.role}-hi-phone.png`), fullPage: true });
    // Back to English so the language choice does not leak into other tests' expectations.
    await switchLanguage(page, 'English');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(opts.english);
  });
}
