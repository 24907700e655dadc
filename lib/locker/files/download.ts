import 'server-only';
import { Readable } from 'node:stream';
import type { FileGrant } from '@/lib/locker/access';
import { openStored } from '@/lib/storage';
import { MIME_TYPES, type UploadKind } from './sniff';

/**
 * An uploaded file as a download: always an attachment, its type the one its bytes were checked
 * to be (never what the uploader declared), no sniffing, and a sandbox should a browser render it
 * anyway. Whoever serves it (the owner's download, a share link) has decided access before.
 */
export function storedFileResponse(doc: FileGrant, disposition: string): Response {
  const body = Readable.toWeb(openStored(doc.storageKey)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': MIME_TYPES[doc.fileKind as UploadKind] ?? 'application/octet-stream',
      'content-length': String(doc.size),
      'content-disposition': disposition,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    },
  });
}
