import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStored, storeStream, storedSize, TooLargeError } from './index';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-storage-'));
  process.env.STORAGE_DIR = dir;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function text(r: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

describe('stored files', () => {
  it('are encrypted at rest and read back whole or in a range', async () => {
    const body = 'CNAME,AADHAAR_NO\nAsha,234123412346\n'.repeat(5000);
    const f = await storeStream(Readable.from([Buffer.from(body)]), {
      prefix: 'records/x',
      ext: '.csv',
      maxBytes: 1e7,
    });
    expect(f.size).toBe(Buffer.byteLength(body));
    const onDisk = fs.readFileSync(path.join(dir, f.key));
    expect(onDisk.includes(Buffer.from('234123412346'))).toBe(false);
    expect(await text(openStored(f.key))).toBe(body);
    expect(await text(openStored(f.key, { start: 5, end: 20 }))).toBe(body.slice(5, 21));
    expect(await storedSize(f.key)).toBe(f.size);
  });

  it('refuses a file past the limit and keeps nothing', async () => {
    await expect(
      storeStream(Readable.from([Buffer.alloc(2048)]), {
        prefix: 'p',
        ext: '.csv',
        maxBytes: 1024,
      }),
    ).rejects.toBeInstanceOf(TooLargeError);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('notices a file changed on disk', async () => {
    const f = await storeStream(Readable.from([Buffer.from('hello world')]), {
      prefix: 'p',
      ext: '.csv',
      maxBytes: 1024,
    });
    const file = path.join(dir, f.key);
    const bytes = fs.readFileSync(file);
    bytes[20] = bytes[20]! ^ 1;
    fs.writeFileSync(file, bytes);
    await expect(text(openStored(f.key))).rejects.toThrow();
  });
});
