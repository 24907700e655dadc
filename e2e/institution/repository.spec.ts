import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, signIn, switchLanguage } from '../helpers';
import { publishWith, uploadFile } from '../records';

// an institution registers, the admin approves, the operator uploads a
// file with mistakes, reads the per-row errors, downloads the error report, uploads the fixed
// file, sees the preview counts, picks a design and publishes; a citizen whose mobile was in the
// file finds the award in the locker; an UPDATE upload supersedes it and a DELETE revokes it.

const APPLICANT = '9100000001'; // becomes the account owner
const OPERATOR = '9100000002'; // the authorized person
const CITIZEN = '9100000021'; // a student in the file, with no account yet

const HEADER =
  'OPERATION,CERT_NO,ACADEMIC_COURSE_ID,COURSE_NAME,REGN_NO,RROLL,CNAME,DOB,GENDER,MOBILE,AADHAAR_NO,JOB_ROLE,REMARKS';

function csv(rows: string[]): string {
  return `${HEADER}\n${rows.join('\n')}\n`;
}

const ROW_A = (op = 'ADD', role = 'Assistant Electrician') =>
  `${op},ITI/2026/0001,ELE-Q4601,Assistant Electrician,REG1,R1,Kamala Devi,14-08-2004,F,${CITIZEN},,${role},`;
const ROW_B_BAD =
  'ADD,ITI/2026/0002,ELE-Q4601,Assistant Electrician,REG2,R2,Suresh Kumar,31-02-2004,X,98765,,Assistant Electrician,"=HYPERLINK(""http://evil.example"",""click"")"';
const ROW_B_FIXED =
  'ADD,ITI/2026/0002,ELE-Q4601,Assistant Electrician,REG2,R2,Suresh Kumar,28-02-2004,M,,,Assistant Electrician,"=HYPERLINK(""http://evil.example"",""click"")"';
const ROW_C_BAD =
  'ADD,ITI/2026/0003,ELE-Q4601,Assistant Electrician,REG3,R3,Anita Singh,01-01-2003,F,,234123412347,Assistant Electrician,';
const ROW_C_FIXED =
  'ADD,ITI/2026/0003,ELE-Q4601,Assistant Electrician,REG3,R3,Anita Singh,01-01-2003,F,,234123412346,Assistant Electrician,';

test.describe.configure({ mode: 'serial' });

test('register → approve → upload with mistakes → fix → publish → locker → update → delete', async ({
  page,
  browser,
}, info) => {
  test.setTimeout(180_000);

  // 1. A new user registers the Government ITI, Aundh.
  await signIn(page, APPLICANT);
  await page.goto('/institution/register');
  await page.getByLabel(/Search by name, city or state/).fill('Aundh');
  await page.getByText('Government Industrial Training Institute, Aundh').first().click();
  await page.getByLabel('Postal address').fill('ITI Road, Aundh, Pune 411007');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Full name').fill('Meera Kulkarni');
  await page.getByLabel('Designation').fill('Principal');
  await page.getByLabel('Mobile number').fill(APPLICANT);
  await page.getByLabel('Email address').fill('principal@iti-aundh.example.in');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Full name').fill('Rahul Pawar');
  await page.getByLabel('Designation').fill('Records clerk');
  await page.getByLabel('Mobile number').fill(OPERATOR);
  await page.getByLabel('Email address').fill('records@iti-aundh.example.in');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel(/I have read and accept the agreement/).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Submit the application' }).click();
  await expect(page.getByText('Waiting for approval').first()).toBeVisible();

  // 2. The platform admin approves it.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto('/admin/institutions');
  const card = admin.locator('article, li, section').filter({ hasText: 'Meera Kulkarni' }).first();
  await card.getByRole('button', { name: 'Approve and activate' }).click();
  await admin.getByRole('button', { name: 'Yes, activate' }).click();
  await expect(admin.getByText('No applications are waiting.')).toBeVisible();

  // 3. The authorized person uploads a file with mistakes and reads the per-row errors.
  const op = await (await browser.newContext()).newPage();
  await signIn(op, OPERATOR);
  await uploadFile(op, 'awards-draft.csv', csv([ROW_A(), ROW_B_BAD, ROW_C_BAD]));
  await expect(op.getByTestId('upload-status')).toHaveAttribute('data-status', 'validated');
  await expect(op.getByTestId('count-rejected')).toContainText('2');
  await op.getByTestId('filter-rejected').click();
  const errors = op.getByTestId('row-errors');
  await expect(errors).toHaveCount(2);
  await expect(errors.first()).toContainText('DOB');
  await expect(errors.nth(1)).toContainText('AADHAAR_NO');
  await expect(op.getByText('234123412347')).toHaveCount(0);
  await op.screenshot({ path: info.outputPath('upload-errors.png'), fullPage: true });

  // The error report: every rejected row with its reasons, formulas neutralised, no Aadhaar.
  const download = op.waitForEvent('download');
  await op.getByTestId('errors-download').click();
  const report = fs.readFileSync((await (await download).path())!, 'utf8');
  expect(report).toContain('ERRORS');
  expect(report).toContain('ITI/2026/0002');
  expect(report).toContain(`'=HYPERLINK`);
  expect(report).not.toContain('234123412347');
  expect(report).not.toContain('ITI/2026/0001');

  // 4. The fixed file: preview counts, a design, publish.
  await uploadFile(op, 'awards.csv', csv([ROW_A(), ROW_B_FIXED, ROW_C_FIXED]));
  await expect(op.getByTestId('count-new')).toContainText('3');
  await expect(op.getByTestId('count-rejected')).toContainText('0');
  const sample = await op.request.get(
    (await op.getByTestId('sample-modern').getAttribute('href'))!,
  );
  expect(sample.headers()['content-type']).toBe('application/pdf');
  await publishWith(op, 'modern');
  // The summary says what happened: three new certificates, two linked (the student's new
  // locker by mobile, one by Aadhaar alone), and one sign-in SMS (the only new locker with a
  // mobile number).
  await expect(op.getByTestId('published-issued')).toContainText('3');
  await expect(op.getByTestId('published-linked')).toContainText('2');
  await expect(op.getByTestId('published-created')).toContainText('2');
  await expect(op.getByTestId('published-signInSms')).toContainText('1');
  await expect(op.getByTestId('published-arrivedSms')).toContainText('0');
  await op.screenshot({ path: info.outputPath('published.png'), fullPage: true });

  // 5. The student, whose account the publish created, finds the award in the locker.
  const student = await (
    await browser.newContext({ viewport: { width: 390, height: 844 } })
  ).newPage();
  await signIn(student, CITIZEN);
  await student.goto('/locker');
  const docs = student.getByTestId('issued-documents');
  await expect(docs).toContainText('ITI/2026/0001');
  await expect(docs.getByTestId('certificate-status').first()).toHaveAttribute(
    'data-status',
    'valid',
  );
  await student.screenshot({ path: info.outputPath('locker.png'), fullPage: true });

  // 6. An UPDATE upload supersedes it with a new version.
  await uploadFile(op, 'awards-fix.csv', csv([ROW_A('UPDATE', 'Senior Electrician')]));
  await expect(op.getByTestId('count-changed')).toContainText('1');
  await expect(op.getByText('Changed: JOB_ROLE')).toBeVisible();
  await publishWith(op, 'modern');
  await expect(op.getByTestId('published-superseded')).toContainText('1');
  await expect(op.getByTestId('published-arrivedSms')).toContainText('1');
  await student.reload();
  await expect(docs.locator('[data-status="valid"]')).toHaveCount(1);
  await expect(docs.locator('[data-status="superseded"]')).toHaveCount(1);

  // 7. A DELETE upload revokes it.
  await uploadFile(op, 'awards-delete.csv', csv([ROW_A('DELETE')]));
  await expect(op.getByTestId('count-deleted')).toContainText('1');
  await publishWith(op, 'modern');
  await expect(op.getByTestId('published-revoked')).toContainText('1');
  // In the reader's language.
  await switchLanguage(op, 'हिन्दी');
  await expect(op.getByTestId('publish-done')).toContainText('1 रिकॉर्ड प्रकाशित हुए');
  await expect(op.getByTestId('published-revoked')).toContainText('रद्द किए गए प्रमाणपत्र');
  await switchLanguage(op, 'English');
  await student.reload();
  await expect(docs.locator('[data-status="valid"]')).toHaveCount(0);
  await expect(docs.locator('[data-status="revoked"]')).toHaveCount(1);
});

test('bad files are refused with a clear message and publish nothing', async ({ page }) => {
  await signIn(page, DEMO.operator);
  await page.goto('/institution/uploads/new');
  await page.getByTestId('upload-file').setInputFiles({
    name: 'marks.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'),
  });
  await expect(page.getByText(/PDF/).first()).toBeVisible();
  await expect(page.getByTestId('upload-submit')).toHaveCount(0);

  // Straight to the server, skipping the browser check: refused as a whole, nothing stored.
  const res = await page.request.post('/api/institution/uploads', {
    headers: { 'content-type': 'text/csv', 'x-file-name': 'renamed.csv' },
    data: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'),
  });
  expect(res.status()).toBe(201);
  const { id } = await res.json();
  await page.goto(`/institution/uploads/${id}`);
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-status', 'failed', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('upload-failure')).toContainText(/PDF/);
});

test("another institution's upload is not found, and a citizen cannot upload", async ({ page }) => {
  // A citizen of their own, so this test never races another one signing in as a demo person.
  await signIn(page, `7${String(Date.now()).slice(-9)}`);
  const res = await page.request.post('/api/institution/uploads', {
    headers: { 'content-type': 'text/csv', 'x-file-name': 'x.csv' },
    data: csv([ROW_A()]),
  });
  expect(res.status()).toBe(403);
  const other = await page.goto('/institution/uploads/00000000-0000-4000-8000-000000000000');
  expect(other?.status()).toBe(403);
});
