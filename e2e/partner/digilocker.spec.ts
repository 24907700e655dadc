import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn, switchLanguage } from '../helpers';

/** Creates a partner in the admin UI; returns what the admin copies for the client. */
async function createPartner(page: Page, name: string) {
  await page.goto('/admin/partners');
  await page.getByLabel('Partner name').fill(name);
  await page.getByRole('button', { name: 'Create partner' }).click();
  const apiKey = (await page.getByTestId('partner-api-key').textContent())!.trim();
  const orgId = (await page.getByTestId('partner-org-id-created').textContent())!.trim();
  expect(apiKey.length).toBeGreaterThan(20);
  return { apiKey, orgId };
}

// A DigiLocker-side client over real HTTP: the admin creates the partner in the UI, the client
// signs requests with its key, and checks the signed XML with xmlsec1 and the published PEM.
test('pull-uri and pull-doc round trips, with a correct and a wrong MAC', async ({
  page,
  request,
}, info) => {
  await signIn(page, DEMO.admin);
  const { apiKey, orgId } = await createPartner(page, `DigiLocker e2e ${Date.now()}`);

  const ts = new Date().toISOString();
  const body = `<?xml version="1.0" encoding="utf-8"?><PullURIRequest xmlns="http://tempuri.org/" ver="1.0" ts="${ts}" txn="${randomUUID()}" orgId="${orgId}" format="both"><DocDetails><DocType>CRCER</DocType><DigiLockerId>${randomUUID()}</DigiLockerId><FullName>Ravi Patel</FullName><DOB>25-08-1992</DOB><UDF1>DSE/TRN/2026/00042</UDF1></DocDetails></PullURIRequest>`;
  const hmac = createHmac('sha256', apiKey).update(body).digest('base64');

  const wrong = await request.post('/api/digilocker/pull-uri', {
    data: body,
    headers: {
      'content-type': 'application/xml',
      'x-digilocker-hmac': createHmac('sha256', 'guess').update(body).digest('base64'),
    },
  });
  expect(wrong.status()).toBe(401);
  expect(await wrong.text()).toContain('Status="0"');

  const ok = await request.post('/api/digilocker/pull-uri', {
    data: body,
    headers: { 'content-type': 'application/xml', 'x-digilocker-hmac': hmac },
  });
  expect(ok.status()).toBe(200);
  const xml = await ok.text();
  expect(xml).toContain('<ResponseStatus Status="1"');
  // The holder as the certificate names them, and no phone number.
  expect(xml).toContain('<Person name="Ravi Patel" dob="25-08-1992" gender="M"/>');
  const uri = /<URI>([^<]+)<\/URI>/.exec(xml)![1]!;
  expect(uri).toMatch(/^in\.sanad\.demostate-CRCER-/);
  const certificateXml = Buffer.from(
    /<DataContent>([^<]+)<\/DataContent>/.exec(xml)![1]!,
    'base64',
  );

  // Replaying the same request is refused.
  const replay = await request.post('/api/digilocker/pull-uri', {
    data: body,
    headers: { 'content-type': 'application/xml', 'x-digilocker-hmac': hmac },
  });
  expect(replay.status()).toBe(401);

  // Independent check of the signature with xmlsec1 and the issuer's published certificate.
  const pem = await (await request.get('/api/issuers/in.sanad.demostate/certificate.pem')).text();
  fs.writeFileSync(info.outputPath('issuer.pem'), pem);
  fs.writeFileSync(info.outputPath('certificate.xml'), certificateXml);
  const check = spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--pubkey-cert-pem',
      info.outputPath('issuer.pem'),
      '--enabled-reference-uris',
      'empty',
      info.outputPath('certificate.xml'),
    ],
    { encoding: 'utf8' },
  );
  expect(check.status, check.stderr).toBe(0);

  const docBody = `<PullDocRequest ver="1.0" ts="${new Date().toISOString()}" txn="${randomUUID()}" orgId="${orgId}" format="pdf"><DocDetails><URI>${uri}</URI></DocDetails></PullDocRequest>`;
  const doc = await request.post('/api/digilocker/pull-doc', {
    data: docBody,
    headers: {
      'content-type': 'application/xml',
      'x-digilocker-hmac': createHmac('sha256', apiKey).update(docBody).digest('base64'),
    },
  });
  expect(doc.status()).toBe(200);
  const docXml = await doc.text();
  expect(docXml).toContain('<ResponseStatus status="1"');
  const pdf = Buffer.from(/<DocContent>([^<]+)<\/DocContent>/.exec(docXml)![1]!, 'base64');
  fs.writeFileSync(info.outputPath('doc.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '150',
    '-singlefile',
    info.outputPath('doc.pdf'),
    info.outputPath('doc'),
  ]);
  expect(
    execFileSync('zbarimg', ['-q', '--raw', info.outputPath('doc.png')], {
      encoding: 'utf8',
    }).trim(),
  ).toMatch(/\/verify\/[0-9A-Z-]{14}$/);
});

test('a huge or hostile pull request is refused quickly', async ({ request }) => {
  const huge = await request.post('/api/digilocker/pull-uri', {
    data: 'x'.repeat(200_000),
    headers: { 'content-type': 'application/xml', 'x-digilocker-hmac': 'AAAA' },
  });
  expect(huge.status()).toBe(400);
  const evil = await request.post('/api/digilocker/pull-doc', {
    data: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b SYSTEM "file:///etc/passwd">]><PullDocRequest ts="x" txn="y">&b;</PullDocRequest>',
    headers: { 'content-type': 'application/xml' },
  });
  expect(evil.status()).toBe(400);
  expect(await evil.text()).not.toContain('root:');
});

test('the admin allows the legacy keyhash only after a warning, and revokes only after asking', async ({
  page,
  request,
}) => {
  await signIn(page, DEMO.admin);
  const name = `Keyhash e2e ${Date.now()}`;
  const { apiKey, orgId } = await createPartner(page, name);
  const keyhashRequest = () => {
    const ts = new Date().toISOString();
    const keyhash = createHash('sha256')
      .update(apiKey + ts)
      .digest('hex');
    return request.post('/api/digilocker/pull-doc', {
      data: `<PullDocRequest ver="1.0" ts="${ts}" txn="${randomUUID()}" orgId="${orgId}" keyhash="${keyhash}" format="xml"><DocDetails><URI>in.sanad.demostate-CRCER-NONE000000</URI></DocDetails></PullDocRequest>`,
      headers: { 'content-type': 'application/xml' },
    });
  };

  // Off by default: refused with the reason, and counted where the admin sees it.
  const refused = await keyhashRequest();
  expect(refused.status()).toBe(401);
  expect(refused.headers()['x-sanad-outcome']).toMatch(/^keyhash is not enabled for this partner/);
  await page.reload();
  const row = page.getByTestId('partner').filter({ hasText: name });
  await expect(row.getByTestId('partner-org-id')).toHaveText(orgId);
  await expect(row.getByTestId('partner-failures')).toContainText(
    '1 failed authentication in the last 24 hours',
  );
  await expect(row.getByTestId('partner-failures')).toContainText(
    'keyhash sent, but not allowed for this partner',
  );

  // Allowing it shows the risk first, naming the partner; cancelling changes nothing.
  await row.getByRole('button', { name: 'Allow legacy keyhash…' }).click();
  const warning = row.getByRole('alertdialog');
  await expect(warning).toContainText(`Allow the legacy keyhash for “${name}”?`);
  await expect(warning).toContainText('for 2 minutes');
  await warning.getByRole('button', { name: 'Cancel' }).click();
  await expect(row.getByRole('alertdialog')).toHaveCount(0);
  expect((await keyhashRequest()).status()).toBe(401);

  await row.getByRole('button', { name: 'Allow legacy keyhash…' }).click();
  await row.getByRole('button', { name: `Allow keyhash for “${name}”` }).click();
  await expect(row.getByText('Legacy keyhash allowed')).toBeVisible();
  const allowed = await keyhashRequest();
  expect(allowed.status()).toBe(200);
  expect(allowed.headers()['x-sanad-outcome']).toBe('unknown URI');

  // Revoking asks first, naming the partner, in the reader's language.
  await switchLanguage(page, 'हिन्दी');
  await expect(row.getByRole('button', { name: 'रद्द करें…' })).toBeVisible();
  await expect(page.getByText('revokePartner')).toHaveCount(0);
  await switchLanguage(page, 'English');
  await row.getByRole('button', { name: 'Revoke…' }).click();
  const question = row.getByRole('alertdialog');
  await expect(question).toContainText(`Revoke the partner “${name}”?`);
  await expect(question).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row.getByText('Active', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Revoke…' }).click();
  await row.getByRole('button', { name: `Revoke “${name}”` }).click();
  await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
  await expect(row.getByRole('button')).toHaveCount(0);
  expect((await keyhashRequest()).status()).toBe(401);
});
