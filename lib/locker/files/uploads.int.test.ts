import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, auditLog, lockerFiles } from '@/db/schema';
import { actAs } from '@/tests/acting-user';
import { EICAR, startFakeClamd, type FakeClamd } from '@/tests/fake-clamd';
import { createPerson } from '@/tests/fixtures';
import { testDb } from '@/tests/helpers';
import { pdf, pdfWithObjectStream, png } from '@/tests/locker-files';
import { LOCKER_QUOTA_BYTES, MAX_FILE_BYTES } from './refusals';

// The upload and download route handlers, called with real Requests, against real PostgreSQL
// and the real (encrypted) storage in a directory of this run.

const storage = mkdtempSync(path.join(tmpdir(), 'sanad-locker-files-'));
process.env.STORAGE_DIR = storage;
const { db } = testDb();
const { POST } = await import('@/app/api/locker/files/route');
const { GET } = await import('@/app/api/locker/files/[id]/route');

const noParams = { params: Promise.resolve({}) };

type Body = Buffer | ReadableStream<Uint8Array>;

async function upload(body: Body, name: string, headers: Record<string, string> = {}) {
  const res = await POST(
    new Request('http://sanad.test/api/locker/files', {
      method: 'POST',
      body,
      headers: {
        'x-file-name': encodeURIComponent(name),
        'content-type': 'image/png',
        ...(Buffer.isBuffer(body) ? { 'content-length': String(body.length) } : {}),
        ...headers,
      },
      duplex: 'half',
    } as RequestInit),
    noParams,
  );
  return {
    status: res.status,
    json: (await res.json()) as {
      id?: string;
      name?: string;
      error?: string;
      message?: string;
      fieldErrors?: { file?: string };
    },
  };
}

async function download(id: string) {
  return GET(new Request(`http://sanad.test/api/locker/files/${id}`), {
    params: Promise.resolve({ id }),
  });
}

async function filesOf(userId: string) {
  return db.select().from(lockerFiles).where(eq(lockerFiles.userId, userId));
}

/** Everything left in storage's tmp directory and under the citizen's prefix. */
function storedObjects(userId: string): string[] {
  const tmp = path.join(storage, 'tmp');
  const own = path.join(storage, 'locker', userId);
  return [
    ...(existsSync(tmp) ? readdirSync(tmp) : []),
    ...(existsSync(own) ? readdirSync(own, { recursive: true }).map(String) : []),
  ];
}

async function lastRefusal(userId: string) {
  const [a] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, 'locker.file.refuse')))
    .orderBy(desc(auditLog.at))
    .limit(1);
  return a;
}

/** A valid PNG of `size` bytes (trailing bytes after IEND). */
function pngOf(size: number): Buffer {
  const head = png(100, 100);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 1)]);
}

/** A stream of `total` bytes of a PNG, counting how much of it was read. */
function countingStream(total: number) {
  const head = png(100, 100);
  let sent = 0;
  const counter = { read: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk =
        sent === 0 ? Buffer.concat([head, Buffer.alloc(65536 - head.length)]) : Buffer.alloc(65536);
      sent += chunk.length;
      counter.read = sent;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe('uploading to the locker', () => {
  it('keeps a PDF and an image, named cleanly, and gives them back as attachments', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const up = await upload(pdf(), 'मार्कशीट 2024.pdf', { 'content-type': 'text/html' });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ name: 'मार्कशीट 2024.pdf', kind: 'pdf' });
    const res = await download(up.json.id!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe('sandbox');
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf())).toBe(true);
    const [row] = await filesOf(citizen.id);
    expect(row!.storageKey.startsWith(`locker/${citizen.id}/${row!.id}/`)).toBe(true);
  });

  it.each([
    [
      'an HTML page renamed .png',
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      'notAllowedType',
    ],
    [
      'an SVG renamed .png',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'notAllowedType',
    ],
    [
      'a PDF with JavaScript',
      pdf('4 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n'),
      'pdfScript',
    ],
    [
      'a PDF with hex-escaped JavaScript',
      pdf('4 0 obj\n<< /S /J#61vaScript /J#53 (x) >>\nendobj\n'),
      'pdfScript',
    ],
    [
      'a PDF with JavaScript in a compressed object stream',
      pdfWithObjectStream('<< /S /JavaScript /JS (x) >>'),
      'pdfScript',
    ],
    [
      'a PDF with a launch action',
      pdf('4 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj\n'),
      'pdfLaunch',
    ],
    [
      'a PDF with an embedded file',
      pdf('4 0 obj\n<< /Type /EmbeddedFile >>\nendobj\n'),
      'pdfEmbeddedFile',
    ],
    ['a picture of 65535 × 65535 pixels', png(65535, 65535), 'imageTooLarge'],
    ['an empty file', Buffer.alloc(0), 'empty'],
  ])('refuses %s with its reason, keeps nothing and logs it', async (_, body, reason) => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const up = await upload(body, 'photo.png');
    expect(up.status).toBe(400);
    expect(up.json.fieldErrors).toEqual({ file: reason });
    expect(up.json.message).toBeTruthy();
    expect(await filesOf(citizen.id)).toEqual([]);
    expect(storedObjects(citizen.id)).toEqual([]);
    expect(await lastRefusal(citizen.id)).toMatchObject({
      outcome: 'denied',
      detail: { reason, fileName: 'photo.png' },
    });
  });

  it('refuses a file declared over 10 MB before reading any of it', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const { stream, counter } = countingStream(12 * 1024 * 1024);
    const up = await upload(stream, 'big.png', { 'content-length': String(12 * 1024 * 1024) });
    expect(up.status).toBe(413);
    expect(up.json.fieldErrors).toEqual({ file: 'tooLarge' });
    expect(counter.read).toBeLessThanOrEqual(65536);
    expect(await filesOf(citizen.id)).toEqual([]);
    expect(storedObjects(citizen.id)).toEqual([]);
  });

  it('refuses a file over 10 MB while it streams in, without reading the rest', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const { stream, counter } = countingStream(50 * 1024 * 1024);
    const up = await upload(stream, 'big.png');
    expect(up.status).toBe(413);
    expect(up.json.fieldErrors).toEqual({ file: 'tooLarge' });
    expect(counter.read).toBeLessThan(MAX_FILE_BYTES + 1024 * 1024);
    expect(await filesOf(citizen.id)).toEqual([]);
    expect(storedObjects(citizen.id)).toEqual([]);
    expect(await lastRefusal(citizen.id)).toMatchObject({ detail: { reason: 'tooLarge' } });
    // Exactly 10 MB is kept.
    expect((await upload(pngOf(MAX_FILE_BYTES), 'ten.png')).status).toBe(201);
  });

  it('answers 413 over real HTTP while the client is still sending, having read about 10 MB', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    let readByServer = 0;
    // The route handler behind a plain Node HTTP server, counting the body bytes it pulls.
    const server = createServer((req, res) => {
      const counted = Readable.from(
        (async function* () {
          for await (const chunk of req as AsyncIterable<Buffer>) {
            readByServer += chunk.length;
            yield chunk;
          }
        })(),
      );
      const request = new Request(`http://sanad.test${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(counted) as unknown as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
      void POST(request, noParams).then(async (r) => {
        res.writeHead(r.status, { 'content-type': 'application/json', connection: 'close' });
        res.end(Buffer.from(await r.arrayBuffer()));
        req.destroy();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    let sentByClient = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/locker/files',
          headers: { 'x-file-name': 'big.png', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        // The server may close the connection once it has answered.
        if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e);
      });
      const chunk = Buffer.concat([png(100, 100), Buffer.alloc(65536 - png(100, 100).length)]);
      const pump = () => {
        while (sentByClient < 50 * 1024 * 1024 && !req.destroyed) {
          sentByClient += chunk.length;
          if (!req.write(sentByClient === chunk.length ? chunk : Buffer.alloc(65536))) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    server.close();
    expect(status).toBe(413);
    expect(readByServer).toBeLessThan(MAX_FILE_BYTES + 1024 * 1024);
    expect(sentByClient).toBeLessThan(50 * 1024 * 1024);
    expect(await filesOf(citizen.id)).toEqual([]);
    expect(storedObjects(citizen.id)).toEqual([]);
  });

  it('cleans path tricks, control and bidi characters out of the name', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const cases: [string, string][] = [
      ['../../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\boot.ini.pdf', 'boot.ini.pdf'],
      ['report\u0000\u001b[31m.pdf', 'report[31m.pdf'],
      ['invoice\u202Efdp.exe', 'invoicefdp.exe.pdf'],
      ['\u2066आधार\u2069.pdf', 'आधार.pdf'],
    ];
    for (const [given, kept] of cases) {
      const up = await upload(pdf(), given);
      expect(up.status).toBe(201);
      expect(up.json.name).toBe(kept);
    }
  });

  it('refuses an upload that would pass the 1 GB quota, also when two race for the last room', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    // 102 files of 10 MB already: 4 MB of room left.
    await db.insert(lockerFiles).values(
      Array.from({ length: 102 }, (_, i) => ({
        userId: citizen.id,
        name: `old-${i}.pdf`,
        kind: 'pdf' as const,
        size: MAX_FILE_BYTES,
        sha256: 'x',
        storageKey: `locker/${citizen.id}/old-${i}`,
      })),
    );
    const room = LOCKER_QUOTA_BYTES - 102 * MAX_FILE_BYTES;
    expect(room).toBe(4 * 1024 * 1024);
    const over = await upload(pngOf(room + 1), 'over.png');
    expect(over.status).toBe(409);
    expect(over.json.fieldErrors).toEqual({ file: 'quotaFull' });
    expect(await lastRefusal(citizen.id)).toMatchObject({ detail: { reason: 'quotaFull' } });
    const both = await Promise.all([
      upload(pngOf(3 * 1024 * 1024), 'a.png'),
      upload(pngOf(3 * 1024 * 1024), 'b.png'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await filesOf(citizen.id)).toHaveLength(103);
    expect(readdirSync(path.join(storage, 'tmp'))).toEqual([]);
  });

  it("answers someone else's file as not found and logs the refused read", async () => {
    const owner = await createPerson(db);
    const stranger = await createPerson(db);
    actAs(owner.id);
    const up = await upload(pdf(), 'private.pdf');
    actAs(stranger.id);
    const res = await download(up.json.id!);
    expect(res.status).toBe(404);
    const log = await db.select().from(accessLog).where(eq(accessLog.fileId, up.json.id!));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      ownerUserId: owner.id,
      actorUserId: stranger.id,
      action: 'file',
      outcome: 'refused',
      reason: 'not-holder-or-issuer',
      documentLabel: 'private.pdf',
    });
    expect((await download('not-a-uuid')).status).toBe(404);
  });

  it('keeps each identical file its own object: deleting one leaves the others readable', async () => {
    const { deleteLockerFile } = await import('./manage');
    const a = await createPerson(db);
    const b = await createPerson(db);
    const file = pdf('4 0 obj\n<< /Title (same) >>\nendobj\n');
    actAs(a.id);
    const first = await upload(file, 'same.pdf');
    const second = await upload(file, 'same.pdf');
    actAs(b.id);
    const theirs = await upload(file, 'same.pdf');
    const rows = await db
      .select()
      .from(lockerFiles)
      .where(eq(lockerFiles.sha256, (await filesOf(a.id))[0]!.sha256));
    expect(new Set(rows.map((r) => r.storageKey)).size).toBe(3);
    await deleteLockerFile(db, { userId: a.id }, { fileId: first.json.id! });
    actAs(a.id);
    expect((await download(first.json.id!)).status).toBe(404);
    const kept = await download(second.json.id!);
    expect(Buffer.from(await kept.arrayBuffer()).equals(file)).toBe(true);
    actAs(b.id);
    const other = await download(theirs.json.id!);
    expect(Buffer.from(await other.arrayBuffer()).equals(file)).toBe(true);
  });
});

describe('the malware scan on upload', () => {
  let clamd: FakeClamd;
  beforeAll(async () => {
    clamd = await startFakeClamd();
    process.env.CLAMD_HOST = '127.0.0.1';
    process.env.CLAMD_PORT = String(clamd.port);
    process.env.CLAMD_TIMEOUT_MS = '500';
  });
  afterAll(async () => {
    delete process.env.CLAMD_HOST;
    delete process.env.CLAMD_PORT;
    delete process.env.CLAMD_TIMEOUT_MS;
    await clamd.close();
  });

  it('keeps a clean file after scanning it', async () => {
    clamd.mode = 'scan';
    const citizen = await createPerson(db);
    actAs(citizen.id);
    expect((await upload(pdf(), 'clean.pdf')).status).toBe(201);
    expect(clamd.received.at(-1)!.equals(pdf())).toBe(true);
  });

  it('refuses an infected file with the reason and keeps nothing', async () => {
    clamd.mode = 'scan';
    const citizen = await createPerson(db);
    actAs(citizen.id);
    const up = await upload(pdf(`% ${EICAR}\n`), 'eicar.pdf');
    expect(up.status).toBe(400);
    expect(up.json.fieldErrors).toEqual({ file: 'infected' });
    expect(up.json.message).toMatch(/malware/);
    expect(await filesOf(citizen.id)).toEqual([]);
    expect(storedObjects(citizen.id)).toEqual([]);
    expect(await lastRefusal(citizen.id)).toMatchObject({
      detail: { reason: 'infected', signature: 'Eicar-Test-Signature' },
    });
  });

  it('refuses the upload ("try later") when the scanner fails or cannot be reached', async () => {
    const citizen = await createPerson(db);
    actAs(citizen.id);
    clamd.mode = 'error';
    let up = await upload(pdf(), 'a.pdf');
    expect(up.status).toBe(503);
    expect(up.json.fieldErrors).toEqual({ file: 'scanUnavailable' });
    clamd.mode = 'silent';
    up = await upload(pdf(), 'a.pdf');
    expect(up.status).toBe(503);
    process.env.CLAMD_PORT = '1';
    up = await upload(pdf(), 'a.pdf');
    expect(up.status).toBe(503);
    expect(up.json.message).toMatch(/try again later/);
    process.env.CLAMD_PORT = String(clamd.port);
    expect(await filesOf(citizen.id)).toEqual([]);
    expect(storedObjects(citizen.id)).toEqual([]);
  });
});
