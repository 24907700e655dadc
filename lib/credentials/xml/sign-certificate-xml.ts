import { SignedXml } from 'xml-crypto';

// Enveloped XML-DSig over the whole Certificate element (spec/digilocker.md): one Reference with
// URI="" (no Id attribute, so xmlsec1 and other verifiers resolve it), enveloped-signature +
// exclusive c14n, SHA-256 digest, RSA-SHA256, KeyInfo/X509Data with the issuer certificate.

export const ALG = {
  c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export function signCertificateXml(
  xml: string,
  keys: { privateKeyPem: string; certificatePem: string },
): string {
  const sig = new SignedXml({
    privateKey: keys.privateKeyPem,
    publicCert: keys.certificatePem,
    signatureAlgorithm: ALG.rsaSha256,
    canonicalizationAlgorithm: ALG.c14n,
  });
  sig.addReference({
    xpath: '/*',
    transforms: [ALG.enveloped, ALG.c14n],
    digestAlgorithm: ALG.sha256,
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}
