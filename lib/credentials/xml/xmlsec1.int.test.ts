import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsa, type KeyMaterial } from '../key-material';
import { buildCertificateXml } from './build-certificate-xml';
import { sampleXmlInput } from './fixtures';
import { signCertificateXml } from './sign-certificate-xml';

// Interoperability: an independent XML-DSig implementation, Debian's xmlsec1,
// verifies our signatures with the issuer's PEM certificate — Devanagari names included.
let dir: string;
let keys: KeyMaterial;

function xmlsec1(file: string) {
  return spawnSync(
    'xmlsec1',
    [
      '--verify',
      '--pubkey-cert-pem',
      path.join(dir, 'issuer.pem'),
      '--enabled-reference-uris',
      'empty',
      file,
    ],
    { encoding: 'utf8' },
  );
}

beforeAll(async () => {
  expect(() => execFileSync('xmlsec1', ['--version'])).not.toThrow();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-xmlsec-'));
  keys = await generateRsa('Demo Skills Institute, Pune', 'in.sanad.demoskills');
  fs.writeFileSync(path.join(dir, 'issuer.pem'), keys.certificatePem!);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('xmlsec1 --verify', () => {
  it('accepts a Sanad-signed certificate, and refuses it after one changed character', () => {
    const signed = signCertificateXml(buildCertificateXml(sampleXmlInput()), {
      privateKeyPem: keys.privateKeyPem,
      certificatePem: keys.certificatePem!,
    });
    const good = path.join(dir, 'good.xml');
    fs.writeFileSync(good, signed);
    const ok = xmlsec1(good);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('OK');

    const bad = path.join(dir, 'bad.xml');
    fs.writeFileSync(bad, signed.replace('आशा शर्मा', 'आशा शर्मो'));
    expect(xmlsec1(bad).status).not.toBe(0);
  });

  it('accepts academic and course certificates too', () => {
    for (const data of [
      {
        kind: 'academic',
        award: 'B.Sc. Physics',
        courseName: 'B.Sc. Physics',
        result: 'PASS',
        cgpa: '8.1',
        subjects: [{ name: 'Mechanics', total: '78', max: '100' }],
      },
      {
        kind: 'course',
        award: 'Foundations of Teaching',
        courseName: 'Foundations of Teaching',
        certificateType: 'merit',
        score: '86',
      },
    ]) {
      const signed = signCertificateXml(buildCertificateXml(sampleXmlInput({ data })), {
        privateKeyPem: keys.privateKeyPem,
        certificatePem: keys.certificatePem!,
      });
      const file = path.join(dir, `${data.kind}.xml`);
      fs.writeFileSync(file, signed);
      expect(xmlsec1(file).status).toBe(0);
    }
  });
});
