import { create } from 'content-disposition';

/**
 * An `attachment` Content-Disposition that keeps the file name in every browser: a plain ASCII
 * `filename`, and for a name beyond ASCII an RFC 6266 `filename*` in UTF-8 beside it.
 */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, '_');
  return create(fileName, { fallback: ascii });
}
