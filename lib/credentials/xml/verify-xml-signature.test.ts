import { beforeAll, describe, expect, it } from 'vitest';
import { generateRsa, type KeyMaterial } from '../key-material';
import { buildCertificateXml } from './build-certificate-xml';
import { sampleXmlInput } from './fixtures';
import { signCertificateXml } from './sign-certificate-xml';
import { verifyCertificateXml } from './verify-xml-signature';

let issuer: KeyMaterial;
let attacker: KeyMaterial;
let signed: string;
const registered = (pems: () => string[]) => async (code: string) =>
  code === 'in.sanad.demoskills' ? pems() : [];
let resolve: (code: string) => Promise<string[]>;

function sign(xml: string, keys: KeyMaterial = issuer) {
  return signCertificateXml(xml, {
    privateKeyPem: keys.privateKeyPem,
    certificatePem: keys.certificatePem!,
  });
}

beforeAll(async () => {
  issuer = await generateRsa('Demo Skills Institute, Pune', 'in.sanad.demoskills');
  attacker = await generateRsa('Demo Skills Institute, Pune', 'in.sanad.demoskills');
  signed = sign(buildCertificateXml(sampleXmlInput()));
  resolve = registered(() => [issuer.certificatePem!]);
});

async function reason(xml: string) {
  const r = await verifyCertificateXml(xml, resolve);
  return r.valid ? 'valid' : r.reason;
}

describe('certificate XML signing', () => {
  it('produces an enveloped RSA-SHA256 signature that verifies, reading fields from signed content', async () => {
    expect(signed).toContain('<Reference URI="">');
    expect(signed).not.toMatch(/ Id="/);
    const r = await verifyCertificateXml(signed, resolve);
    expect(r.valid).toBe(true);
    if (r.valid) {
      expect(r.fields).toMatchObject({
        issuerCode: 'in.sanad.demoskills',
        number: 'DSI/2026/000123',
        recipientName: 'आशा शर्मा',
        verificationCode: '7KQ4-M2XD-9RTA',
        status: 'A',
      });
    }
  });

  it('is byte-for-byte reproducible', () => {
    expect(sign(buildCertificateXml(sampleXmlInput()))).toBe(signed);
  });

  it('never carries an Aadhaar number, only the masked form', () => {
    expect(signed).toContain('uid="XXXXXXXX2346"');
    expect(signed).not.toMatch(/\d{12}/);
  });

  it('keeps unknown fields, escaped', () => {
    expect(signed).toContain(
      '<Field name="BATCH_REMARK" value="Top of the batch &lt;with&gt; &quot;quotes&quot; &amp; ampersand"/>',
    );
  });

  it('still verifies with a retired key after rotation', async () => {
    const rotated = await generateRsa('Demo Skills Institute, Pune', 'in.sanad.demoskills');
    const r = await verifyCertificateXml(
      signed,
      registered(() => [rotated.certificatePem!, issuer.certificatePem!]),
    );
    expect(r.valid).toBe(true);
  });
});

describe('hostile certificate XML is refused', () => {
  it('a changed field', async () => {
    expect(await reason(signed.replace('आशा शर्मा', 'आशा वर्मा'))).toBe('bad-signature');
    expect(await reason(signed.replace('status="A"', 'status="R"'))).toBe('bad-signature');
  });

  it("a forged signature with the attacker's certificate in KeyInfo", async () => {
    const forged = sign(
      buildCertificateXml(
        sampleXmlInput({ recipient: { name: 'Mallory', dob: null, gender: 'M', uidMasked: null } }),
      ),
      attacker,
    );
    expect(forged).toContain('<X509Certificate>');
    expect(await reason(forged)).toBe('bad-signature');
  });

  it('signature wrapping: the genuine certificate moved inside the signature, a forged root', async () => {
    const genuine = signed.replace(/^<\?xml[^>]*\?>\n/, '');
    const forgedRoot = buildCertificateXml(sampleXmlInput({ number: 'FORGED-1' })).replace(
      /^<\?xml[^>]*\?>\n/,
      '',
    );
    const sigBlock = /<Signature [\s\S]*<\/Signature>/.exec(genuine)![0];
    const wrapped = forgedRoot.replace(
      '</Certificate>',
      sigBlock.replace('</Signature>', `<Object>${genuine}</Object></Signature>`) +
        '</Certificate>',
    );
    // Refused for the second Signature the wrapped genuine certificate brings, before any
    // signature is checked: the forged root is never read as signed.
    const r = await verifyCertificateXml(wrapped, resolve);
    expect(r).toEqual({
      valid: false,
      reason: 'signature-count',
      message: 'A certificate must carry exactly one signature, directly inside the root element.',
    });
  });

  it('signature wrapping with one Signature: the claimed issuer differs from the signed one', async () => {
    // Another registered issuer signs a certificate in Demo Skills' name, then puts its own
    // IssuedBy inside the Signature (outside the signed content) ahead of the genuine one, so
    // the document claims to come from the signer and its key verifies it.
    const other = await generateRsa('Other Institute', 'in.sanad.other');
    const bySigner = sign(buildCertificateXml(sampleXmlInput({ number: 'FORGED-2' })), other);
    const sigBlock = /<Signature [\s\S]*<\/Signature>/.exec(bySigner)![0];
    const decoy =
      '<Object><IssuedBy><Organization name="Other Institute" code="in.sanad.other" type="NG"/></IssuedBy></Object>';
    const forged = bySigner
      .replace(sigBlock, '')
      .replace(
        /(<Certificate [^>]*>)/,
        `$1${sigBlock.replace('</Signature>', `${decoy}</Signature>`)}`,
      );
    const both = async (code: string) =>
      code === 'in.sanad.other'
        ? [other.certificatePem!]
        : code === 'in.sanad.demoskills'
          ? [issuer.certificatePem!]
          : [];
    const r = await verifyCertificateXml(forged, both);
    expect(r).toMatchObject({ valid: false, reason: 'bad-signature' });
    // The same document without the decoy claims Demo Skills and fails on its key.
    expect(await verifyCertificateXml(bySigner, both)).toMatchObject({ reason: 'bad-signature' });
  });

  it('a second Signature', async () => {
    const sigBlock = /<Signature [\s\S]*<\/Signature>/.exec(signed)![0];
    expect(await reason(signed.replace('</Certificate>', `${sigBlock}</Certificate>`))).toBe(
      'signature-count',
    );
  });

  it('a signature that is not a direct child of the root', async () => {
    const sigBlock = /<Signature [\s\S]*<\/Signature>/.exec(signed)![0];
    const moved = signed
      .replace(sigBlock, '')
      .replace('</CertificateData>', `${sigBlock}</CertificateData>`);
    expect(await reason(moved)).toBe('signature-count');
  });

  it('two SignedInfo elements', async () => {
    const si = /<SignedInfo>[\s\S]*<\/SignedInfo>/.exec(signed)![0];
    expect(await reason(signed.replace(si, si + si))).toBe('signature-structure');
  });

  it('a Reference that does not cover the whole document', async () => {
    expect(await reason(signed.replace('<Reference URI="">', '<Reference URI="#x">'))).toBe(
      'signature-structure',
    );
  });

  it('comments inside signed values', async () => {
    expect(
      await reason(signed.replace('<CertificateData>', '<CertificateData><!-- injected -->')),
    ).toBe('comment');
  });

  it('a DOCTYPE, and entity tricks', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Certificate>&lol2;</Certificate>`;
    expect(await reason(laughs)).toBe('doctype');
    expect(
      await reason(
        signed.replace(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Certificate SYSTEM "file:///etc/passwd">',
        ),
      ),
    ).toBe('doctype');
    expect(await reason(signed.replace('name="Skill Certificate"', 'name="&xxe;"'))).toBe(
      'not-xml',
    );
  });

  it('a processing instruction', async () => {
    expect(
      await reason(
        signed.replace('\n<Certificate', '\n<?xml-stylesheet href="evil.xsl"?><Certificate'),
      ),
    ).toBe('processing-instruction');
  });

  it('SHA-1 and #WithComments', async () => {
    expect(
      await reason(
        signed.replace(
          'http://www.w3.org/2001/04/xmlenc#sha256',
          'http://www.w3.org/2000/09/xmldsig#sha1',
        ),
      ),
    ).toBe('algorithm');
    expect(
      await reason(
        signed.replace(
          'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
          'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
        ),
      ),
    ).toBe('algorithm');
    expect(await reason(signed.replace(/xml-exc-c14n#"/g, 'xml-exc-c14n#WithComments"'))).toBe(
      'algorithm',
    );
  });

  it('a CanonicalizationMethod other than exclusive c14n, with the Transforms left alone', async () => {
    const inclusive = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
    const changed = signed.replace(
      '<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
      `<CanonicalizationMethod Algorithm="${inclusive}"/>`,
    );
    expect(changed).toContain('<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(await reason(changed)).toBe('algorithm');
    const none = signed.replace(
      '<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
      '',
    );
    expect(await reason(none)).toBe('algorithm');
  });

  it('Transforms other than exactly enveloped-signature then exclusive c14n', async () => {
    const env = '<Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>';
    const exc = '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>';
    const xpath = '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>';
    const withTransforms = (t: string) =>
      signed.replace(`<Transforms>${env}${exc}</Transforms>`, t);
    expect(signed).toContain(`<Transforms>${env}${exc}</Transforms>`);
    for (const t of [
      '',
      '<Transforms></Transforms>',
      `<Transforms>${env}</Transforms>`,
      `<Transforms>${exc}</Transforms>`,
      `<Transforms>${exc}${env}</Transforms>`,
      `<Transforms>${env}${exc}${xpath}</Transforms>`,
      `<Transforms>${xpath}${exc}</Transforms>`,
      `<Transforms>${env}${xpath}</Transforms>`,
      `<Transforms>${env}${env}</Transforms>`,
    ])
      expect(await reason(withTransforms(t))).toBe('algorithm');
  });

  it('a huge document, quickly', async () => {
    const huge = signed.replace(
      '</CertificateData>',
      `<Pad v="${'x'.repeat(1_100_000)}"/></CertificateData>`,
    );
    const t = performance.now();
    expect(await reason(huge)).toBe('too-large');
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('a deeply nested document', async () => {
    const deep = `<Certificate>${'<a>'.repeat(20000)}${'</a>'.repeat(20000)}</Certificate>`;
    expect(await reason(deep)).toBe('too-deep');
  });

  it('not XML, not a certificate, an unknown issuer', async () => {
    expect(await reason('%PDF-1.7 binary')).toBe('not-xml');
    expect(await reason('<Invoice/>')).toBe('not-a-certificate');
    expect(
      await reason(signed.replace(/code="in\.sanad\.demoskills"/, 'code="in.gov.unknown"')),
    ).toBe('unknown-issuer');
  });

  it('an unsigned certificate', async () => {
    expect(await reason(buildCertificateXml(sampleXmlInput()))).toBe('signature-count');
  });
});
