import { expect, test, type Page, type Response } from '@playwright/test';
import { DEMO, signIn } from '../helpers';

/** Collects every Content-Security-Policy violation and script error the page reports. */
async function watchPolicy(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text()))
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI} on ${location.pathname}`,
      ),
    ),
  );
  return problems;
}

/** The page's policy is strict, and every script on it (if it has any) carries the nonce. */
async function expectStrictPolicy(res: Response | null, { scripts = true } = {}): Promise<void> {
  const headers = res!.headers();
  const policy = headers['content-security-policy'] ?? '';
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])
    expect(policy).toContain(directive);
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'(;|$)/);
  expect(policy).not.toContain('unsafe-eval');
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  // Every script the server wrote carries the nonce (scripts those load need none: 'strict-dynamic').
  const tags = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  if (scripts) expect(tags.length).toBeGreaterThan(0);
  else expect(tags).toEqual([]);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  // Plain http on this machine: no HSTS (production over https sends it; unit-tested).
  expect(headers['strict-transport-security']).toBeUndefined();
}

test('public pages run under a nonce-based CSP without a single violation', async ({ page }) => {
  const problems = await watchPolicy(page);
  for (const path of ['/', '/verify', '/institution/template', '/no-such-page']) {
    const res = await page.goto(path);
    await expectStrictPolicy(res);
  }
  expect((await page.goto('/no-such-page'))?.status()).toBe(404);

  // The sign-in form is client code: it only answers if the page's scripts ran.
  const res = await page.goto('/sign-in');
  await expectStrictPolicy(res);
  await page.getByLabel('Mobile number or email').fill('12345');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText('Enter a 10-digit mobile number or an email address.')).toBeVisible();
  expect(problems).toEqual([]);
});

test('signed-in pages and the verification page run under the CSP without a violation', async ({
  page,
}) => {
  const problems = await watchPolicy(page);
  await signIn(page, DEMO.teacher);
  await expectStrictPolicy(await page.goto('/locker'));
  const href = await page
    .getByTestId('issued-documents')
    .getByRole('link', { name: 'Verify', exact: true })
    .first()
    .getAttribute('href');
  // The verification page has no script at all (verify-page.spec.ts).
  await expectStrictPolicy(await page.goto(href!), { scripts: false });
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid');
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'hi');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(problems).toEqual([]);
});

test('the upload preview and the admin pages run under the CSP without a violation', async ({
  page,
  browser,
}) => {
  const problems = await watchPolicy(page);
  await signIn(page, DEMO.operator);
  await expectStrictPolicy(await page.goto('/institution/uploads/new'));
  const sample = await (await page.request.get('/institution/sample.csv')).body();
  await page.getByTestId('upload-file').setInputFiles({
    name: 'sample.csv',
    mimeType: 'text/csv',
    buffer: sample,
  });
  await expect(page.getByTestId('preview-summary')).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  const adminProblems = await watchPolicy(admin);
  await signIn(admin, DEMO.admin);
  for (const path of ['/admin', '/admin/members', '/admin/audit'])
    await expectStrictPolicy(await admin.goto(path));
  expect([...problems, ...adminProblems]).toEqual([]);
});

test('route handlers answer with a policy that allows nothing', async ({ request }) => {
  for (const path of ['/api/health', '/api/verify/ZZZZ-ZZZZ-ZZZZ']) {
    const res = await request.get(path);
    expect(res.headers()['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers()['x-frame-options']).toBe('DENY');
  }
});
