// `npm run bench:documents`: XML signing using both cores (target ≥ 300/s) and PDF
// rendering on one core (target ≥ 60/s per core). Pure renderers, no database.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { generateRsa } from '../../lib/credentials/key-material';
import { renderCertificatePdf } from '../../lib/credentials/pdf/render-certificate-pdf';
import { snapshotTemplate } from '../../lib/credentials/templates';
import { verdict, writeSection } from './results';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);

async function xmlThroughput(
  threads: number,
  keys: { privateKeyPem: string; certificatePem: string },
) {
  const t0 = Date.now();
  const counts = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(new URL('./xml-sign-worker.mjs', import.meta.url), {
            workerData: { keys, seconds: SECONDS },
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  const elapsed = (Date.now() - t0) / 1000;
  return counts.reduce((a, b) => a + b, 0) / elapsed;
}

async function pdfThroughput(template: 'classic' | 'modern') {
  const input = (i: number) => ({
    title: 'Skill Certificate',
    issuerName: 'Demo Skills Institute, Pune',
    recipientName: i % 2 ? 'आशा शर्मा' : 'Ravi Patel',
    award: 'Assistant Electrician',
    details: [
      { label: 'NSQF level', value: '4' },
      { label: 'Grade', value: 'A' },
    ],
    number: `DSI/2026/${String(i).padStart(6, '0')}`,
    verificationCode: `ABCD-EFGH-${String(i % 10000).padStart(4, '0')}`,
    verifyUrl: `https://sanad.example/verify/ABCD-EFGH-${String(i % 10000).padStart(4, '0')}`,
    issueDate: '20-11-2026',
    template: snapshotTemplate(template, [
      { name: 'Dr. Meera Joshi', designation: 'Controller of Examinations' },
    ]),
  });
  await renderCertificatePdf(input(0)); // fonts load once per process
  let n = 0;
  const end = Date.now() + SECONDS * 1000;
  const t0 = Date.now();
  while (Date.now() < end) await renderCertificatePdf(input(++n));
  return n / ((Date.now() - t0) / 1000);
}

async function main() {
  const keys = await generateRsa('Bench Institute', 'in.sanad.bench');
  const pem = { privateKeyPem: keys.privateKeyPem, certificatePem: keys.certificatePem! };
  const cores = os.cpus().length;
  console.log(`XML signing on ${cores} threads for ${SECONDS}s…`);
  const xmlAll = await xmlThroughput(cores, pem);
  const xmlOne = await xmlThroughput(1, pem);
  console.log('PDF rendering on one core…');
  const pdfClassic = await pdfThroughput('classic');
  const pdfModern = await pdfThroughput('modern');
  writeSection(
    'bench:documents',
    'Documents: XML signing and PDF rendering (`npm run bench:documents`)',
    [
      '| measure | result | target | |',
      '| --- | --- | --- | --- |',
      `| XML-DSig signing (build + sign), ${cores} threads | ${xmlAll.toFixed(0)} documents/s | ≥ 300/s using both cores | ${verdict(xmlAll >= 300)} |`,
      `| XML-DSig signing, 1 thread | ${xmlOne.toFixed(0)} documents/s | (floor ~160/s per core) | |`,
      `| PDF rendering, classic design, 1 core | ${pdfClassic.toFixed(1)} PDFs/s | ≥ 60/s per core | ${verdict(pdfClassic >= 60)} |`,
      `| PDF rendering, modern design, 1 core | ${pdfModern.toFixed(1)} PDFs/s | ≥ 60/s per core | ${verdict(pdfModern >= 60)} |`,
      '',
      'PDFs carry a vector QR code (one SVG path of merged runs) and Noto Sans Devanagari.',
    ],
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
