import { beforeAll, describe, expect, it } from 'vitest';
import { generateRsa, type KeyMaterial } from '../key-material';
import { buildCertificateXml } from './build-certificate-xml';
import { sampleXmlInput } from './fixtures';
import { signCertificateXml } from './sign-certificate-xml';
import { MAX_XML_BYTES, verifyCertificateXml } from './verify-xml-signature';

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

async function reason(xml: string | Buffer) {
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
      expect(r.fields).toEqual({
        issuerCode: 'in.sanad.demoskills',
        issuerName: 'Demo Skills Institute, Pune',
        title: 'Skill Certificate',
        number: 'DSI/2026/000123',
        status: 'A',
        recipientName: 'आशा शर्मा',
        uri: 'in.sanad.demoskills-SKCER-7KQ4M2XD9R',
        verificationCode: '7KQ4-M2XD-9RTA',
      });
      expect(r.matchedCertificatePem).toBe(issuer.certificatePem);
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

/** Signs the sample certificate after `edit` changed its unsigned XML. */
function signedAfter(edit: (xml: string) => string, keys: KeyMaterial = issuer) {
  return sign(edit(buildCertificateXml(sampleXmlInput())), keys);
}

describe('what is read, and in which form', () => {
  it('reads a Buffer and a leading byte-order mark the same as a string', async () => {
    expect(await reason(Buffer.from(signed))).toBe('valid');
    expect(await reason(`\uFEFF${signed}`)).toBe('valid');
    expect(await reason(Buffer.from(`\uFEFF${signed}`))).toBe('valid');
  });

  it('strips only a leading byte-order mark, not one inside a signed value', async () => {
    const withMark = sign(
      buildCertificateXml(
        sampleXmlInput({
          recipient: { name: 'आशा\uFEFFशर्मा', dob: null, gender: 'F', uidMasked: null },
        }),
      ),
    );
    const r = await verifyCertificateXml(withMark, resolve);
    expect(r.valid && r.fields.recipientName).toBe('आशा\uFEFFशर्मा');
  });

  it('counts the size in bytes, up to 1 MB exactly', async () => {
    // 400,000 Devanagari letters are 1.2 MB of UTF-8.
    const wide = `<Certificate>${'आ'.repeat(400_000)}</Certificate>`;
    expect(wide.length).toBeLessThan(MAX_XML_BYTES);
    expect(await reason(wide)).toBe('too-large');
    const exact = `<Certificate>${'x'.repeat(MAX_XML_BYTES - 27)}</Certificate>`;
    expect(Buffer.byteLength(exact)).toBe(MAX_XML_BYTES);
    expect(await reason(exact)).toBe('signature-count');
    expect(await reason(Buffer.from(`${exact} `))).toBe('too-large');
  });

  it('allows 32 levels of nesting, not 33, counting elements only', async () => {
    const nested = (levels: number) =>
      `<Certificate>${'<a>'.repeat(levels - 1)}text${'</a>'.repeat(levels - 1)}</Certificate>`;
    expect(await reason(nested(32))).toBe('signature-count');
    expect(await reason(nested(33))).toBe('too-deep');
  });

  it('refuses a processing instruction standing in for the XML declaration, or a second declaration', async () => {
    const bare = signed.replace(/^<\?xml[^>]*\?>\n/, '');
    expect(await reason(bare)).toBe('valid');
    expect(await reason(`<?xml-stylesheet href="evil.xsl"?>${bare}`)).toBe(
      'processing-instruction',
    );
    expect(
      await reason(bare.replace('<CertificateData>', '<CertificateData><?xml version="1.0"?>')),
    ).toBe('processing-instruction');
  });

  it('refuses CDATA like comments', async () => {
    expect(
      await reason(signed.replace('<CertificateData>', '<CertificateData><![CDATA[x]]>')),
    ).toBe('comment');
  });

  it('refuses a Certificate root in a namespace', async () => {
    expect(await reason('<Certificate xmlns="urn:example:other"/>')).toBe('not-a-certificate');
  });

  it('does not take a same-named element of another namespace for the signature', async () => {
    const decoy = signedAfter((xml) =>
      xml.replace(/(<Certificate [^>]*>)/, '$1<o:Signature xmlns:o="urn:example:other"/>'),
    );
    expect(await reason(decoy)).toBe('valid');
  });

  it('reads missing optional parts as empty, from the signed content', async () => {
    const bare = signedAfter((xml) =>
      xml
        .replace(/<IssuedTo>[\s\S]*<\/IssuedTo>/, '')
        .replace(/<Verification [^>]*\/>/, '')
        .replace(/ name="Demo Skills Institute, Pune"/, '')
        .replace(/ name="Skill Certificate"/, '')
        .replace(/ number="[^"]*"/, '')
        .replace(/ status="A"/, ''),
    );
    const r = await verifyCertificateXml(bare, resolve);
    expect(r).toMatchObject({
      valid: true,
      fields: {
        issuerCode: 'in.sanad.demoskills',
        issuerName: '',
        title: '',
        number: '',
        status: '',
        recipientName: '',
        uri: null,
        verificationCode: null,
      },
    });
  });

  it('refuses a certificate that names no issuer', async () => {
    expect(
      await reason(signedAfter((xml) => xml.replace(/<IssuedBy>[\s\S]*<\/IssuedBy>/, ''))),
    ).toBe('unknown-issuer');
    expect(
      await reason(signedAfter((xml) => xml.replace(/<Organization [^>]*\/>/, '<Other/>'))),
    ).toBe('unknown-issuer');
    expect(
      await reason(signedAfter((xml) => xml.replace(/ code="in\.sanad\.demoskills"/, ''))),
    ).toBe('unknown-issuer');
  });
});

describe('the signature’s shape', () => {
  const inSignature = (extra: string) => signed.replace('</Signature>', `${extra}</Signature>`);
  const si = () => /<SignedInfo>[\s\S]*<\/SignedInfo>/.exec(signed)![0];
  const ref = () => /<Reference [\s\S]*<\/Reference>/.exec(signed)![0];

  it('a second SignedInfo anywhere in the document', async () => {
    expect(await reason(inSignature('<Object><SignedInfo/></Object>'))).toBe('signature-structure');
  });

  it('a second Reference anywhere in the document', async () => {
    expect(await reason(inSignature(`<Object>${ref()}</Object>`))).toBe('signature-structure');
  });

  it('a SignedInfo that is not a child of the Signature', async () => {
    const moved = signed
      .replace(si(), '')
      .replace('</Signature>', `<Object>${si()}</Object></Signature>`);
    expect(await reason(moved)).toBe('signature-structure');
  });

  it('a Reference that is not a child of the SignedInfo', async () => {
    const moved = signed
      .replace(ref(), '')
      .replace('</Signature>', `<Object>${ref()}</Object></Signature>`);
    expect(await reason(moved)).toBe('signature-structure');
  });

  it('a missing SignatureMethod or DigestMethod', async () => {
    expect(await reason(signed.replace(/<SignatureMethod [^>]*\/>/, ''))).toBe('algorithm');
    expect(await reason(signed.replace(/<DigestMethod [^>]*\/>/, ''))).toBe('algorithm');
  });
});

describe('refusals say why', () => {
  it.each([
    [
      'too-large',
      `<Certificate>${'x'.repeat(MAX_XML_BYTES)}</Certificate>`,
      'The document is larger than 1024 KB.',
    ],
    ['not-xml', '<Certificate>', 'The file is not well-formed XML.'],
    [
      'doctype',
      '<!DOCTYPE x><Certificate/>',
      'Documents with a DOCTYPE or entity declarations are refused.',
    ],
    [
      'processing-instruction',
      '<?pi?><Certificate/>',
      'Processing instructions other than the XML declaration are refused.',
    ],
    [
      'comment',
      '<Certificate><!-- x --></Certificate>',
      'Comments and CDATA sections are not allowed in a signed certificate.',
    ],
    [
      'too-deep',
      `<Certificate>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</Certificate>`,
      'The document is nested deeper than 32 levels.',
    ],
    ['not-a-certificate', '<Invoice/>', 'The root element is not a DigiLocker Certificate.'],
    [
      'signature-count',
      '<Certificate/>',
      'A certificate must carry exactly one signature, directly inside the root element.',
    ],
  ])('%s', async (why, xml, message) => {
    expect(await verifyCertificateXml(xml, resolve)).toEqual({
      valid: false,
      reason: why,
      message,
    });
  });

  it('signature-structure, algorithm, unknown-issuer, bad-signature', async () => {
    const cases: [string, string, string][] = [
      [
        signed.replace('<Reference URI="">', '<Reference URI="#x">'),
        'signature-structure',
        'The signature must have one SignedInfo with one Reference covering the whole document (URI="").',
      ],
      [
        signed.replace('xmlenc#sha256', 'xmldsig#sha1'),
        'algorithm',
        'Only RSA-SHA256, SHA-256 digests and exclusive canonicalisation (without comments) are accepted.',
      ],
      [
        signed.replace(/code="in\.sanad\.demoskills"/, 'code="in.gov.unknown"'),
        'unknown-issuer',
        'The issuer named in the document is not registered here.',
      ],
      [
        signed.replace('status="A"', 'status="R"'),
        'bad-signature',
        'The signature does not match the document and the issuer’s registered key.',
      ],
    ];
    for (const [xml, why, message] of cases)
      expect(await verifyCertificateXml(xml, resolve)).toEqual({
        valid: false,
        reason: why,
        message,
      });
  });
});
