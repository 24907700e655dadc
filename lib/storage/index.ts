import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  openSync,
  readSync,
  fstatSync,
} from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { config } from '@/lib/config';
import { deriveKey } from '@/lib/crypto/secret-box';
import { TooLargeError as RequestTooLargeError } from '@/lib/errors';

// Uploaded files go through this interface (DESIGN.md, Scale-out): the filesystem under
// STORAGE_DIR by default; an object store can replace it behind the same four functions.
// Files are encrypted at rest (AES-256-GCM under a key derived from SANAD_MASTER_KEY): award
// files hold Aadhaar numbers, which must never lie on disk in clear (DESIGN.md, Data).
// Layout: "SNDE1" | iv (12) | ciphertext | tag (16). Hash and size are of the plaintext.

const MAGIC = Buffer.from('SNDE1');
const HEAD = MAGIC.length + 12;
const TAG = 16;

function fileKey(): Buffer {
  return deriveKey('stored-files');
}

export type StoredFile = { key: string; sha256: string; size: number };

function root(): string {
  return path.resolve(config.storageDir);
}

function fullPath(key: string): string {
  if (!/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) || key.includes('..'))
    throw new Error(`bad storage key ${key}`);
  return path.join(root(), key);
}

/** Raised while streaming when a file passes `maxBytes`; nothing is kept. */
export class TooLargeError extends RequestTooLargeError {}

/**
 * Streams `body` to storage under `${prefix}/${sha256}${ext}`, hashing as it goes, and refuses
 * (keeping nothing) once more than `maxBytes` have arrived. The same content gets the same key.
 */
export async function storeStream(
  body: Readable,
  opts: { prefix: string; ext: string; maxBytes: number },
): Promise<StoredFile> {
  const tmpDir = path.join(root(), 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > opts.maxBytes) {
        done(new TooLargeError('file too large'));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', fileKey(), iv);
  const out = createWriteStream(tmp);
  out.write(Buffer.concat([MAGIC, iv]));
  try {
    await pipeline(body, meter, cipher, out, { end: false });
    await new Promise<void>((resolve, reject) =>
      out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? reject(e) : resolve())),
    );
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
  const sha256 = hash.digest('hex');
  const key = `${opts.prefix}/${sha256}${opts.ext}`;
  await mkdir(path.dirname(fullPath(key)), { recursive: true });
  await rename(tmp, fullPath(key));
  return { key, sha256, size };
}

/** Skips `start` plaintext bytes and stops after `end` (inclusive), like createReadStream. */
function slice(start: number, end: number): Transform {
  let pos = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const from = Math.max(0, start - pos);
      const to = Math.min(chunk.length, end - pos + 1);
      pos += chunk.length;
      done(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}

/** The plaintext of a stored file (decrypted as it streams; the tag is checked at the end). */
export function openStored(key: string, range?: { start?: number; end?: number }): Readable {
  const file = fullPath(key);
  const fd = openSync(file, 'r');
  let iv: Buffer, tag: Buffer, size: number;
  try {
    size = fstatSync(fd).size;
    const head = Buffer.alloc(HEAD);
    readSync(fd, head, 0, HEAD, 0);
    if (size < HEAD + TAG || !head.subarray(0, MAGIC.length).equals(MAGIC))
      throw new Error(`stored file ${key} is not in the expected format`);
    iv = head.subarray(MAGIC.length);
    tag = Buffer.alloc(TAG);
    readSync(fd, tag, 0, TAG, size - TAG);
  } finally {
    closeSync(fd);
  }
  const decipher = createDecipheriv('aes-256-gcm', fileKey(), iv);
  decipher.setAuthTag(tag);
  const cipherText =
    size - TAG - 1 >= HEAD
      ? createReadStream(file, { start: HEAD, end: size - TAG - 1 })
      : Readable.from([]);
  const plain = cipherText.pipe(decipher);
  cipherText.on('error', (e: Error) => plain.destroy(e));
  if (!range) return plain;
  const out = plain.pipe(slice(range.start ?? 0, range.end ?? Infinity));
  plain.on('error', (e) => out.destroy(e));
  // Stop reading once the range is done (a sniff of the first 64 KB of a 50 MB file).
  out.on('close', () => cipherText.destroy());
  return out;
}

/** Size of the plaintext, or null when there is no such file. */
export async function storedSize(key: string): Promise<number | null> {
  try {
    return Math.max(0, (await stat(fullPath(key))).size - HEAD - TAG);
  } catch {
    return null;
  }
}

export async function removeStored(key: string): Promise<void> {
  await rm(fullPath(key), { force: true });
}

/** Removes every stored file under `prefix` (a refused upload's own directory, say). */
export async function removeStoredPrefix(prefix: string): Promise<void> {
  await rm(fullPath(prefix), { recursive: true, force: true });
}
