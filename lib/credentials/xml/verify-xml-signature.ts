import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { ALG } from './sign-certificate-xml';

// "Verifying safely" (spec/digilocker.md): the one module that reads signed certificate XML.
// xml-crypto has had signature-bypass advisories as late as 2025, so the document is checked
// before and around it, and fields are read only from what the signature covers.

export const MAX_XML_BYTES = 1024 * 1024;
const MAX_DEPTH = 32;

export type XmlRejection =
  | 'too-large'
  | 'not-xml'
  | 'doctype'
  | 'processing-instruction'
  | 'comment'
  | 'too-deep'
  | 'not-a-certificate'
  | 'signature-count'
  | 'signature-structure'
  | 'algorithm'
  | 'unknown-issuer'
  | 'bad-signature';

export type SignedCertificateFields = {
  issuerCode: string;
  issuerName: string;
  title: string;
  number: string;
  status: string;
  recipientName: string;
  uri: string | null;
  verificationCode: string | null;
};

export type XmlVerification =
  | { valid: true; fields: SignedCertificateFields; matchedCertificatePem: string }
  | { valid: false; reason: XmlRejection; message: string };

const REASONS: Record<XmlRejection, string> = {
  'too-large': `The document is larger than ${MAX_XML_BYTES / 1024} KB.`,
  'not-xml': 'The file is not well-formed XML.',
  doctype: 'Documents with a DOCTYPE or entity declarations are refused.',
  'processing-instruction': 'Processing instructions other than the XML declaration are refused.',
  comment: 'Comments and CDATA sections are not allowed in a signed certificate.',
  'too-deep': `The document is nested deeper than ${MAX_DEPTH} levels.`,
  'not-a-certificate': 'The root element is not a DigiLocker Certificate.',
  'signature-count':
    'A certificate must carry exactly one signature, directly inside the root element.',
  'signature-structure':
    'The signature must have one SignedInfo with one Reference covering the whole document (URI="").',
  algorithm:
    'Only RSA-SHA256, SHA-256 digests and exclusive canonicalisation (without comments) are accepted.',
  'unknown-issuer': 'The issuer named in the document is not registered here.',
  'bad-signature': 'The signature does not match the document and the issuer’s registered key.',
};

function reject(reason: XmlRejection): XmlVerification {
  return { valid: false, reason, message: REASONS[reason] };
}

function parseStrict(xml: string): Document | null {
  let failed = false;
  const parser = new DOMParser({
    onError: () => {
      failed = true;
    },
  });
  try {
    const doc = parser.parseFromString(xml, 'text/xml');
    return failed || !doc.documentElement ? null : doc;
  } catch {
    return null;
  }
}

function children(node: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (
      c.nodeType === 1 &&
      (c as Element).namespaceURI === ns &&
      (c as Element).localName === localName
    )
      out.push(c as Element);
  }
  return out;
}

function depthOf(root: Element): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, d + 1]);
  }
  return max;
}

function checkSignatureShape(root: Element, doc: Document): XmlRejection | null {
  if (doc.getElementsByTagNameNS(ALG.dsig, 'Signature').length !== 1) return 'signature-count';
  const [signature] = children(root, ALG.dsig, 'Signature');
  if (!signature) return 'signature-count';
  if (doc.getElementsByTagNameNS(ALG.dsig, 'SignedInfo').length !== 1) return 'signature-structure';
  if (doc.getElementsByTagNameNS(ALG.dsig, 'Reference').length !== 1) return 'signature-structure';
  const [signedInfo] = children(signature, ALG.dsig, 'SignedInfo');
  const [reference] = signedInfo ? children(signedInfo, ALG.dsig, 'Reference') : [];
  if (!signedInfo || !reference || reference.getAttribute('URI') !== '')
    return 'signature-structure';
  const c14n = children(signedInfo, ALG.dsig, 'CanonicalizationMethod')[0]?.getAttribute(
    'Algorithm',
  );
  const method = children(signedInfo, ALG.dsig, 'SignatureMethod')[0]?.getAttribute('Algorithm');
  const digest = children(reference, ALG.dsig, 'DigestMethod')[0]?.getAttribute('Algorithm');
  const transformsEl = children(reference, ALG.dsig, 'Transforms')[0];
  const transforms = transformsEl
    ? children(transformsEl, ALG.dsig, 'Transform').map((t) => t.getAttribute('Algorithm'))
    : [];
  if (c14n !== ALG.c14n || method !== ALG.rsaSha256 || digest !== ALG.sha256) return 'algorithm';
  if (transforms.length !== 2 || transforms[0] !== ALG.enveloped || transforms[1] !== ALG.c14n)
    return 'algorithm';
  return null;
}

function issuerOf(root: Element): { code: string; name: string } | null {
  const issuedBy = root.getElementsByTagName('IssuedBy')[0];
  const org = issuedBy?.getElementsByTagName('Organization')[0];
  const code = org?.getAttribute('code');
  return code ? { code, name: org!.getAttribute('name') ?? '' } : null;
}

/**
 * Verifies a certificate XML. `issuerCertificates(code)` returns the PEM certificates the
 * platform holds for that issuer (active and retired); KeyInfo in the document is never used.
 */
export async function verifyCertificateXml(
  input: string | Buffer,
  issuerCertificates: (issuerCode: string) => Promise<string[]>,
): Promise<XmlVerification> {
  // Rule 1: cap the size, refuse DTDs, entities, PIs (and comments, CDATA) before parsing.
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (bytes > MAX_XML_BYTES) return reject('too-large');
  const xml = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return reject('doctype');
  const pis = xml.match(/<\?/g)?.length ?? 0;
  if (pis > 1 || (pis === 1 && !/^<\?xml\s[^?]*\?>/.test(xml)))
    return reject('processing-instruction');
  if (xml.includes('<!--') || xml.includes('<![CDATA[')) return reject('comment');
  const doc = parseStrict(xml);
  if (!doc) return reject('not-xml');
  const root = doc.documentElement!;
  if (depthOf(root) > MAX_DEPTH) return reject('too-deep');
  if (root.localName !== 'Certificate' || root.namespaceURI) return reject('not-a-certificate');

  // Rule 2: exactly one signature, in the expected place and shape, with allowed algorithms.
  const shape = checkSignatureShape(root, doc);
  if (shape) return reject(shape);

  // Rule 3: verify with the issuer's registered key, never a certificate from KeyInfo.
  const claimed = issuerOf(root);
  if (!claimed) return reject('unknown-issuer');
  const pems = await issuerCertificates(claimed.code);
  if (pems.length === 0) return reject('unknown-issuer');
  const signatureNode = children(root, ALG.dsig, 'Signature')[0]!;
  for (const pem of pems) {
    const sig = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
    let ok = false;
    try {
      sig.loadSignature(signatureNode.toString());
      // Rule 4: false and an exception are both "invalid".
      ok = sig.checkSignature(xml) === true;
    } catch {
      ok = false;
    }
    if (!ok) continue;
    // Read fields only from the signed content.
    const signed = sig.getSignedReferences();
    const signedDoc = signed.length === 1 ? parseStrict(signed[0]!) : null;
    const signedRoot = signedDoc?.documentElement;
    if (!signedRoot || signedRoot.localName !== 'Certificate') return reject('signature-structure');
    const issuer = issuerOf(signedRoot);
    if (!issuer || issuer.code !== claimed.code) return reject('bad-signature');
    const person = signedRoot
      .getElementsByTagName('IssuedTo')[0]
      ?.getElementsByTagName('Person')[0];
    const verification = signedRoot.getElementsByTagName('Verification')[0];
    return {
      valid: true,
      matchedCertificatePem: pem,
      fields: {
        issuerCode: issuer.code,
        issuerName: issuer.name,
        title: signedRoot.getAttribute('name') ?? '',
        number: signedRoot.getAttribute('number') ?? '',
        status: signedRoot.getAttribute('status') ?? '',
        recipientName: person?.getAttribute('name') ?? '',
        uri: verification?.getAttribute('uri') ?? null,
        verificationCode: verification?.getAttribute('code') ?? null,
      },
    };
  }
  return reject('bad-signature');
}
