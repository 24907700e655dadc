import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { config } from '@/lib/config';
import { InvalidError } from '@/lib/errors';

// Uploaded files go through this interface (DESIGN.md, Scale-out): the filesystem under
// STORAGE_DIR by default; an object store can replace it behind the same four functions.

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
export class TooLargeError extends InvalidError {}

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
  try {
    await pipeline(body, meter, createWriteStream(tmp));
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const sha256 = hash.digest('hex');
  const key = `${opts.prefix}/${sha256}${opts.ext}`;
  await mkdir(path.dirname(fullPath(key)), { recursive: true });
  await rename(tmp, fullPath(key));
  return { key, sha256, size };
}

export function openStored(key: string, range?: { start?: number; end?: number }): Readable {
  return createReadStream(fullPath(key), range);
}

export async function storedSize(key: string): Promise<number | null> {
  try {
    return (await stat(fullPath(key))).size;
  } catch {
    return null;
  }
}

export async function removeStored(key: string): Promise<void> {
  await rm(fullPath(key), { force: true });
}
