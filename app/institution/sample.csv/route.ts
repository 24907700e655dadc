import { csvDownload, toCsv } from '@/lib/records/export-csv';
import { SAMPLE_FILE_ROWS, generateAwardRows, sampleHeader } from '@/lib/records/sample';

// Public: a filled-in example of the upload file (invented people, well-formed identifiers).
export const dynamic = 'force-static';

export function GET() {
  const rows = generateAwardRows({ count: SAMPLE_FILE_ROWS, seed: 2026, withAadhaar: 0.3 });
  return csvDownload(toCsv([sampleHeader(), ...rows], { bom: true }), 'sanad-award-sample.csv');
}
