import { stripInvisible } from '@/lib/text/visible';
import type { UploadKind } from './sniff';

// The name a citizen sees for an uploaded file, from whatever the browser sent: no folder
// parts, no control, format or bidirectional characters (which can show "gpj.exe" as
// "exe.jpg"), no characters Windows cannot save, a sane length; Unicode letters (Hindi names)
// stay as they are. It always ends in an extension of the file's real kind, so a download
// never opens as something else.

/** Longest name kept, in characters, before the extension. */
export const MAX_NAME_CHARS = 120;

const EXTENSIONS: Record<UploadKind, readonly string[]> = {
  pdf: ['.pdf'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  gif: ['.gif'],
  bmp: ['.bmp'],
};

/** Text without path parts, control/format/bidi characters and characters Windows refuses. */
export function cleanName(raw: string): string {
  const base = stripInvisible(raw.normalize('NFC'))
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  return base;
}

/** Cuts `text` to `max` characters without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : text;
}

/** The stored, shown name of an uploaded file of `kind`, from the name the browser gave. */
export function uploadFileName(raw: string, kind: UploadKind): string {
  const name = cleanName(raw);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
  const known = EXTENSIONS[kind].includes(ext);
  const stem = known ? name.slice(0, dot) : name;
  return `${cut(stem, MAX_NAME_CHARS) || 'document'}${known ? ext : EXTENSIONS[kind][0]}`;
}

/** A new name given by the citizen: cleaned the same way; the extension of the kind is kept. */
export function renamedFileName(raw: string, kind: UploadKind): string | null {
  const name = cleanName(raw);
  return name ? uploadFileName(name, kind) : null;
}
