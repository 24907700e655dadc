// Sends a file to the locker as the raw request body with XMLHttpRequest, the one browser API
// that reports upload progress. The server decides the file's type from its bytes.

export const LOCKER_UPLOAD_URL = '/api/locker/files';

export type SendOutcome =
  | { ok: true; id: string; name: string }
  /** `reason` is the server's refusal code (lockerFiles.refused.*), when it gave one. */
  | {
      ok: false;
      status: number;
      reason: string | null;
      error: string;
      message: string;
      ref?: string;
    };

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function toSendOutcome(status: number, body: string): SendOutcome {
  const json = parseJson(body);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (status === 201 && typeof json?.id === 'string')
    return { ok: true, id: json.id, name: str(json.name) };
  const fieldErrors = json?.fieldErrors as Record<string, unknown> | undefined;
  return {
    ok: false,
    status,
    // A 413 from a proxy in front has no body: it is still "too large".
    reason: str(fieldErrors?.file) || (status === 413 ? 'tooLarge' : null),
    error: str(json?.error) || 'http',
    message: str(json?.message),
    ...(str(json?.ref) ? { ref: str(json?.ref) } : {}),
  };
}

export function sendLockerFile(
  file: File,
  opts: {
    folderId: string;
    onProgress: (sent: number, total: number) => void;
    signal: AbortSignal;
  },
): Promise<SendOutcome | 'aborted'> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', LOCKER_UPLOAD_URL);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    if (opts.folderId) xhr.setRequestHeader('x-folder-id', opts.folderId);
    xhr.upload.onprogress = (e) =>
      opts.onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => resolve(toSendOutcome(xhr.status, xhr.responseText));
    xhr.onerror = () =>
      resolve({ ok: false, status: 0, reason: null, error: 'network', message: '' });
    xhr.onabort = () => resolve('aborted');
    opts.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
