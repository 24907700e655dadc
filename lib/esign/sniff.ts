// What a file is, by its first bytes (never by its name or the type a browser claims): the
// kinds a citizen may upload (seed 001: pdf, jpg, png, gif, bmp).

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'gif' | 'bmp';

export function kindOfBytes(head: Buffer): FileKind | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  const six = head.subarray(0, 6).toString('latin1');
  if (six === 'GIF87a' || six === 'GIF89a') return 'gif';
  if (head.subarray(0, 2).toString('latin1') === 'BM' && head.length >= 26) return 'bmp';
  return null;
}

export function isImageKind(kind: FileKind | string | null): boolean {
  return kind === 'jpeg' || kind === 'png' || kind === 'gif' || kind === 'bmp';
}
