import { parentPort, workerData } from 'node:worker_threads';
import { buildCertificateXml } from '../../lib/credentials/xml/build-certificate-xml';
import { sampleXmlInput } from '../../lib/credentials/xml/fixtures';
import { signCertificateXml } from '../../lib/credentials/xml/sign-certificate-xml';

// Signs certificate XML for `seconds` and reports how many documents it signed.
const { keys, seconds } = workerData as {
  keys: { privateKeyPem: string; certificatePem: string };
  seconds: number;
};
let n = 0;
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  signCertificateXml(
    buildCertificateXml(
      sampleXmlInput({
        number: `BENCH/${n}`,
        recipient: { name: `विद्यार्थी ${n}`, dob: '2001-01-01', gender: 'F', uidMasked: null },
      }),
    ),
    keys,
  );
  n++;
}
parentPort!.postMessage(n);
