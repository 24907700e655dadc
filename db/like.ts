/** The text with LIKE's wildcards and escape character escaped, to be matched as it is. */
export function likeLiteral(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/** `%q%` for `ilike` (q trimmed, matched as it is): "contains q", in any case. */
export function likePattern(q: string): string {
  return `%${likeLiteral(q.trim())}%`;
}
