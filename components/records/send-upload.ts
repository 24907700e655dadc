// Sends the picked file as the raw request body with XMLHttpRequest, the one browser API that
// reports upload progress. The server (POST /api/institution/uploads) hashes what it receives,
// so the same file twice answers 200 { duplicate: true } and nothing is stored again.

export const UPLOAD_URL = '/api/institution/uploads';

export type UploadOutcome =
  | { ok: true; id: string; duplicate: boolean }
  | { ok: false; status: number; error: string; message: string; ref?: string };

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Reads the server's answer; anything unexpected becomes an error with the HTTP status. */
export function toUploadOutcome(status: number, body: string): UploadOutcome {
  const json = parseJson(body);
  if ((status === 200 || status === 201) && typeof json?.id === 'string')
    return { ok: true, id: json.id, duplicate: json.duplicate === true };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ok: false,
    status,
    error: str(json?.error) || (status === 413 ? 'tooLarge' : 'http'),
    message: str(json?.message),
    ...(str(json?.ref) ? { ref: str(json?.ref) } : {}),
  };
}

export function sendUpload(
  file: File,
  opts: { onProgress: (sent: number, total: number) => void; signal: AbortSignal },
): Promise<UploadOutcome | 'aborted'> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', UPLOAD_URL);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) =>
      opts.onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => resolve(toUploadOutcome(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ ok: false, status: 0, error: 'network', message: '' });
    xhr.onabort = () => resolve('aborted');
    opts.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
