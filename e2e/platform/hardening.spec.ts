import os from 'node:os';
import { expect, test } from '@playwright/test';
import { BASE_URL } from '../../playwright.config';
import { DEMO, signIn } from '../helpers';

const freshMobile = () => `7${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 90 + 10)}`;

test('signing out ends the session on the server: a saved copy of the cookie is refused', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, freshMobile());
  await expect(page).toHaveURL(/\/locker$/);
  const saved = await context.cookies();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

  // Someone who copied the cookie before the sign-out puts it back.
  const thief = await browser.newContext();
  await thief.addCookies(saved);
  const stolen = await thief.newPage();
  await stolen.goto('/locker');
  await expect(stolen).toHaveURL(/\/sign-in\?next=%2Flocker$/);
});

test('?next= that a browser would read as another site lands on this one', async ({ page }) => {
  // Raw in the URL: TAB, CR/LF, backslashes, a scheme without slashes, protocol-relative.
  const hostile = [
    '/%09/evil.example',
    '/%0d%0a/evil.example',
    '/%5C%5Cevil.example',
    '%5C%5Cevil.example',
    'https:evil.example',
    '//evil.example',
    '/.//evil.example',
    'https%3A%2F%2Fevil.example',
  ];
  await signIn(page, freshMobile(), hostile[0]);
  expect(new URL(page.url()).origin).toBe(BASE_URL);
  for (const next of hostile) {
    await page.goto(`/sign-in?next=${next}`);
    expect(new URL(page.url()).origin, next).toBe(BASE_URL);
    expect(new URL(page.url()).pathname, next).toBe('/locker');
  }
  await page.goto('/sign-in?next=%2Flocker%3Fx%3D1');
  expect(page.url()).toBe(`${BASE_URL}/locker?x=1`);
});

test('a state-changing request from another site is refused and stores nothing', async ({
  page,
}) => {
  await signIn(page, DEMO.operator);
  const file = `OPERATION,CERT_NO\nADD,X-${Date.now()}\n`;
  const forged = await page.request.post('/api/institution/uploads', {
    headers: { 'content-type': 'text/csv', 'x-file-name': 'x.csv', origin: 'http://evil.example' },
    data: file,
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).message).toMatch(/another site/);
  // The same file from this site is new: the forged one was not kept.
  const own = await page.request.post('/api/institution/uploads', {
    headers: { 'content-type': 'text/csv', 'x-file-name': 'x.csv', origin: BASE_URL },
    data: file,
  });
  expect(own.status()).toBe(201);
});

test('bodies over a limit get 413, the verify-a-document form included', async ({ request }) => {
  const big = Buffer.alloc(20 * 1024 * 1024, 'a');
  // A certificate XML posted straight to the verify page's server action.
  const action = await request.post('/verify', {
    headers: { 'next-action': '0'.repeat(42), 'content-type': 'multipart/form-data; boundary=x' },
    data: big,
  });
  expect(action.status()).toBe(413);
  expect((await action.json()).error).toBe('tooLarge');
  const signInPost = await request.post('/api/auth/callback/otp', {
    data: Buffer.alloc(3 * 1024 * 1024, 'a'),
  });
  expect(signInPost.status()).toBe(413);
});

test('the app listens on this machine only unless HOST says otherwise', async () => {
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  test.skip(!lan, 'this machine has no network address other than loopback');
  const port = new URL(BASE_URL).port;
  await expect(fetch(`http://${lan}:${port}/api/health`)).rejects.toThrow();
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
});
