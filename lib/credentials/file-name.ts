// Characters a file name cannot hold on some system (Windows is the strictest), path separators,
// and the direction marks that can make "fdp.exe" read as "exe.pdf".
const UNSAFE = /[\u0000-\u001f\u007f"*/:<>?\\|\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A certificate download's file name, from its number: `DSI/2026/000101` →
 * `DSI-2026-000101.pdf`; a later version adds `-v2`. Any script is kept (the header carries it
 * as UTF-8, lib/http/content-disposition.ts).
 */
export function certificateFileName(number: string, version: number, ext: 'pdf' | 'xml'): string {
  let base = number
    .normalize('NFC')
    .replace(UNSAFE, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 100)
    .trim();
  if (!base) base = 'certificate';
  else if (RESERVED.test(base)) base = `certificate-${base}`;
  return `${base}${version > 1 ? `-v${version}` : ''}.${ext}`;
}
