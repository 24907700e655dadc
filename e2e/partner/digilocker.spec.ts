import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../helpers';

// A DigiLocker-side client over real HTTP: the admin creates the partner in the UI, the client
// signs requests with its key, and checks the signed XML with xmlsec1 and the published PEM.
test('pull-uri and pull-doc round trips, with a correct and a wrong MAC', async ({
  page,
  request,
}, info) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin/partners');
  await page.getByLabel('Partner name').fill(`DigiLocker e2e ${Date.now()}`);
  await page.getByRole('button', { name: 'Create partner' }).click();
  const apiKey = (await page.getByTestId('partner-api-key').textContent())!.trim();
  expect(apiKey.length).toBeGreaterThan(20);

  const ts = new Date().toISOString();
  const body = `<?xml version="1.0" encoding="utf-8"?><PullURIRequest xmlns="http://tempuri.org/" ver="1.0" ts="${ts}" txn="${randomUUID()}" orgId="in.sanad.demostate" format="both"><DocDetails><DocType>CRCER</DocType><DigiLockerId>${randomUUID()}</DigiLockerId><FullName>Ravi Patel</FullName><DOB>25-08-1992</DOB><UDF1>DSE/TRN/2026/00042</UDF1></DocDetails></PullURIRequest>`;
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

  const docBody = `<PullDocRequest ver="1.0" ts="${new Date().toISOString()}" txn="${randomUUID()}" orgId="in.sanad.demostate" format="pdf"><DocDetails><URI>${uri}</URI></DocDetails></PullDocRequest>`;
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
