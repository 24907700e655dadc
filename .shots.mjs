import { chromium } from '@playwright/test';
const base = 'http://localhost:3400';
const mobile = process.argv[2] || '9876543210';
const paths = process.argv.slice(3);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
const page = await ctx.newPage();
await page.goto(`${base}/sign-in`);
await page.getByLabel(/Mobile number or email/).fill(mobile);
await page.getByRole('button', { name: /Send code/ }).click();
await page.getByLabel(/6-digit code/).waitFor();
const inbox = await ctx.newPage();
await inbox.goto(`${base}/dev/inbox?to=${mobile}`);
const code = (await inbox.getByTestId('otp-code').first().textContent()).trim();
await inbox.close();
await page.getByLabel(/6-digit code/).fill(code);
await page.getByRole('button', { name: /^Sign in$/ }).click();
await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
for (const p of paths) {
  const [path, lang] = p.split('@');
  if (lang) await ctx.addCookies([{ name: 'NEXT_LOCALE', value: lang, url: base }]);
  else await ctx.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: base }]);
  const r = await page.goto(base + path);
  const name = (path.replace(/[^a-z0-9]+/gi, '_') || 'root') + (lang ? '_' + lang : '');
  await page.screenshot({ path: `/work/shots/${name}.png`, fullPage: true });
  console.log(path, lang ?? 'en', r.status());
}
await browser.close();
