import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO, signIn, switchLanguage } from '../helpers';
import { publishWith, uploadFile } from '../records';

// A new citizen on a phone: links Aadhaar and finds the award already published for it, claims
// another by its number (in Hindi), uploads a PDF, e-signs it and checks it on /verify, shares a
// certificate by link, the link is opened signed out, the citizen sees that access in the log,
// revokes the link, and the link answers 410.

const PHONE = { width: 390, height: 844 };
const MOBILE = '9300000071';
const AADHAAR = '582139047610';
const HEADER =
  'OPERATION,CERT_NO,ACADEMIC_COURSE_ID,COURSE_NAME,REGN_NO,RROLL,CNAME,DOB,GENDER,MOBILE,AADHAAR_NO,JOB_ROLE,REMARKS';
// Published before the citizen has an account: one under the Aadhaar number, one with neither a
// mobile nor an Aadhaar number (it waits to be claimed).
const AWARDS = [
  `ADD,DSI/E2E/LK-0001,ELE-Q4601,Assistant Electrician,REGL1,RL1,Priya Nair,12-03-2003,F,,${AADHAAR},Assistant Electrician,`,
  'ADD,DSI/E2E/LK-0002,ELE-Q4602,Solar Technician,REGL2,RL2,Priya Nair,12-03-2003,F,,,Solar Technician,',
];

async function codeFor(page: Page, to: string): Promise<string> {
  const inbox = await page.context().newPage();
  await inbox.goto(`/dev/inbox?to=${to}`);
  const code = (await inbox.getByTestId('otp-code').first().textContent())?.trim() ?? '';
  await inbox.close();
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

async function aPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Internship letter for Priya Nair', {
    x: 60,
    y: 760,
    size: 18,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await doc.save());
}

test('a new citizen: Aadhaar link, claim, upload, e-sign, share, access log, revoke', async ({
  browser,
}, info) => {
  test.setTimeout(240_000);

  // The institution publishes the two awards.
  const op = await (await browser.newContext()).newPage();
  await signIn(op, DEMO.operator);
  await uploadFile(op, 'locker-journey.csv', `${HEADER}\n${AWARDS.join('\n')}\n`);
  await expect(op.getByTestId('count-new')).toContainText('2');
  await publishWith(op, 'classic');
  await op.context().close();

  // A new citizen signs up on a phone and fills in the profile.
  const phone = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const page = await phone.newPage();
  await signIn(page, MOBILE);
  await expect(page.getByText('No issued documents yet')).toBeVisible();
  await page.getByRole('link', { name: 'Complete your profile' }).click();
  await page.getByLabel('Name').fill('Priya Nair');
  await page.getByLabel('Date of birth').fill('2003-03-12');
  await page.getByLabel('Gender').selectOption('F');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();

  // Link Aadhaar: a number failing Verhoeff is refused in the browser, then the real one by code.
  await page.reload();
  await page.getByRole('button', { name: 'Link Aadhaar' }).click();
  await page.getByLabel('Aadhaar number').fill('582139047611');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(
    page.getByText('This is not a valid Aadhaar number: check the digits.'),
  ).toBeVisible();
  await page.getByLabel('Aadhaar number').fill(AADHAAR);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText(/We sent a code to your mobile number ending/)).toBeVisible();
  await page.getByLabel('Code', { exact: true }).fill(await codeFor(page, MOBILE));
  await page.getByRole('button', { name: 'Link Aadhaar' }).click();
  await expect(page.getByText(/If this Aadhaar number can be linked/)).toBeVisible();
  await page.reload();
  await expect(page.getByText('Linked: XXXX XXXX 7610')).toBeVisible();
  await expect(page.getByText(AADHAAR)).toHaveCount(0);
  await page.goto('/locker');
  await expect(page.getByText('DSI/E2E/LK-0001')).toBeVisible();
  await page.screenshot({ path: info.outputPath('linked.png'), fullPage: true });

  // Claim the other award by its number, in Hindi.
  await page.goto('/locker/claim');
  await switchLanguage(page, 'हिन्दी');
  await page.getByLabel('संस्थान').selectOption({ label: 'Demo Skills Institute, Pune' });
  await page.getByLabel('प्रमाणपत्र नंबर').fill('DSI/E2E/LK-0002');
  await page.getByLabel('जन्म तिथि').fill('2003-03-11');
  await page.getByLabel('प्रमाणपत्र पर छपा नाम').fill('Priya Nair');
  await page.getByRole('button', { name: 'दावा करें' }).click();
  await expect(page.getByText(/इन विवरणों से कोई प्रमाणपत्र मेल नहीं खाता/)).toBeVisible();
  await page.getByLabel('जन्म तिथि').fill('2003-03-12');
  await page.getByRole('button', { name: 'दावा करें' }).click();
  await expect(page.getByText('प्रमाणपत्र अब आपके लॉकर में है।')).toBeVisible();
  await page.screenshot({ path: info.outputPath('claimed-hi.png'), fullPage: true });
  await switchLanguage(page, 'English');
  await page.goto('/locker');
  await expect(page.getByText('DSI/E2E/LK-0002')).toBeVisible();
  await expect(page.getByText('2 documents')).toBeVisible();

  // Upload a PDF, e-sign it, and check the signed file on /verify.
  await page.goto('/locker/uploads');
  await page.getByLabel('Choose a file').setInputFiles({
    name: 'internship-letter.pdf',
    mimeType: 'application/pdf',
    buffer: await aPdf(),
  });
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByText('internship-letter.pdf is now in your locker.')).toBeVisible();
  await page.getByRole('link', { name: 'e-sign' }).first().click();
  await page.getByRole('button', { name: 'Send the code' }).click();
  await expect(page.getByText('We sent a code. Enter it below.')).toBeVisible();
  await page.getByLabel('The 6-digit code').fill(await codeFor(page, MOBILE));
  await page.getByRole('button', { name: 'Sign this file' }).click();
  await expect(page.getByText(/Signed by Priya Nair/).first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the signed PDF' }).click();
  const signed = fs.readFileSync((await (await download).path())!);
  expect(signed.subarray(0, 5).toString()).toBe('%PDF-');
  await page.goto('/verify');
  await page.getByLabel(/Signed PDF or image/).setInputFiles({
    name: 'internship-letter-signed.pdf',
    mimeType: 'application/pdf',
    buffer: signed,
  });
  await page.getByRole('button', { name: 'Check the signature' }).click();
  await expect(
    page.getByText('Genuine: e-signed with Sanad and unchanged since signing'),
  ).toBeVisible();
  await expect(page.locator('main').getByText('Priya Nair').first()).toBeVisible();

  // Share the first certificate by link.
  await page.goto('/locker');
  await page.getByRole('link', { name: 'Skill Certificate' }).first().click();
  await expect(page).toHaveURL(/\/locker\/documents\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: 'Share', exact: true }).click();
  await expect(page).toHaveURL(/\/locker\/shares\?new=certificate:/);
  await page.getByLabel('Purpose (optional)').fill('Job application at Acme');
  await page.getByRole('button', { name: 'Create the link' }).click();
  const url = await page.getByLabel('Share link').inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  const link = new URL(url).pathname;

  // Opened signed out, on another phone.
  const stranger = await (await browser.newContext({ viewport: PHONE })).newPage();
  const opened = await stranger.goto(link);
  expect(opened?.status()).toBe(200);
  await expect(stranger.locator('main').getByText('Priya Nair').first()).toBeVisible();
  await expect(stranger.getByText('Purpose: Job application at Acme')).toBeVisible();
  await stranger.screenshot({ path: info.outputPath('shared-open.png'), fullPage: true });

  // The citizen sees that open in the access log, in English and in Hindi.
  await page.goto('/locker/access');
  const entry = page.getByText('Someone with your share link').first();
  await expect(entry).toBeVisible();
  await expect(page.getByText('Job application at Acme').first()).toBeVisible();
  await switchLanguage(page, 'हिन्दी');
  await expect(page.getByRole('heading', { name: 'एक्सेस लॉग' })).toBeVisible();
  await switchLanguage(page, 'English');

  // Revoke the link: it answers 410 with a plain page.
  await page.goto('/locker/shares');
  await page
    .getByRole('button', { name: /^Revoke/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Revoke the link', exact: true }).click();
  await expect(page.getByText('Revoked').first()).toBeVisible();
  const gone = await stranger.goto(link);
  expect(gone?.status()).toBe(410);
  await expect(stranger.getByText('This link no longer works')).toBeVisible();
  await page.screenshot({ path: info.outputPath('revoked.png'), fullPage: true });
});
