import { csvDownload, toCsv } from '@/lib/records/export-csv';
import { templateHeader } from '@/lib/records/sample';

// Public (outside the institution area's guard): the empty upload template, header row only.
export const dynamic = 'force-static';

export function GET() {
  return csvDownload(toCsv([templateHeader()], { bom: true }), 'sanad-award-template.csv');
}
