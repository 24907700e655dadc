// The header row decides the delimiter for the whole file (comma, or the semicolon, tab or bar
// that some spreadsheet exports use). Guessing from data rows, as papaparse does by default,
// can pick the wrong one when a row holds stray quotes or commas; then every column is missing.

const CANDIDATES = [',', ';', '\t', '|'] as const;

export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const line = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count += 1;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}
