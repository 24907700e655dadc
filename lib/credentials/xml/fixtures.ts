import type { XmlCertificateInput } from './build-certificate-xml';

/** A realistic skill certificate for tests and benchmarks. */
export function sampleXmlInput(overrides: Partial<XmlCertificateInput> = {}): XmlCertificateInput {
  return {
    title: 'Skill Certificate',
    docType: 'SKCER',
    number: 'DSI/2026/000123',
    uri: 'in.sanad.demoskills-SKCER-7KQ4M2XD9R',
    verificationCode: '7KQ4-M2XD-9RTA',
    verifyUrl: 'https://sanad.example/verify/7KQ4-M2XD-9RTA',
    status: 'A',
    version: 1,
    prevUri: null,
    issueDate: '2026-11-20',
    validFrom: '2026-11-20',
    expiryDate: null,
    issuedAt: 'Pune',
    issuer: {
      name: 'Demo Skills Institute, Pune',
      code: 'in.sanad.demoskills',
      kind: 'institution',
    },
    recipient: { name: 'आशा शर्मा', dob: '2001-05-14', gender: 'F', uidMasked: 'XXXXXXXX2346' },
    data: {
      kind: 'skill',
      award: 'Assistant Electrician',
      qpCode: 'ELE/Q3101',
      jobRole: 'Assistant Electrician',
      nsqfLevel: '4',
      sectorSkillCouncil: 'Skill Council for Green Jobs & Power',
      scheme: 'PMKVY',
      grade: 'A',
      BATCH_REMARK: 'Top of the batch <with> "quotes" & ampersand',
    },
    ...overrides,
  };
}
