'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { formatBytes } from '@/components/records/format-bytes';
import { ProgressBar } from '@/components/records/progress-bar';
import { Alert, Button, Card, inputStyles } from '@/components/ui';
import type { ErrorKey } from '@/lib/errors';
import { sendLockerFile, type SendOutcome } from './send-file';

// Seed 001: upload a document with a real progress bar (the bytes sent, from XMLHttpRequest)
// and a way to stop; a refusal is shown in the reader's language.

const MAX_BYTES = 10 * 1024 * 1024;

export function LockerUploadForm({
  folders,
  folderId: initialFolder = '',
}: {
  folders: { id: string; name: string }[];
  folderId?: string;
}) {
  const t = useTranslations('lockerFiles');
  const errorKeys = useTranslations('errors');
  const errorText = useErrorText();
  const locale = useLocale();
  const router = useRouter();
  const size = (n: number) => formatBytes(n, locale);
  const [file, setFile] = useState<File | null>(null);
  const [folderId, setFolderId] = useState(initialFolder);
  const [sent, setSent] = useState<number | null>(null);
  const [message, setMessage] = useState<{
    kind: 'error' | 'info' | 'success';
    text: string;
  } | null>(null);
  const uploading = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => () => uploading.current?.abort(), []);

  function failure(r: Extract<SendOutcome, { ok: false }>): string {
    if (r.status === 0) return t('upload.network');
    if (r.reason && t.has(`refused.${r.reason}`))
      return t(`refused.${r.reason}` as 'refused.empty');
    return r.message && errorKeys.has(r.error)
      ? errorText({ key: r.error as ErrorKey, message: r.message, ref: r.ref })
      : t('upload.failed', { status: r.status });
  }

  function pick(picked: File | undefined) {
    setMessage(null);
    setFile(picked ?? null);
    // Refused here only to save the wait; the server checks again.
    if (picked && picked.size > MAX_BYTES)
      setMessage({ kind: 'error', text: t('refused.tooLarge') });
    if (picked && picked.size === 0) setMessage({ kind: 'error', text: t('refused.empty') });
  }

  async function upload() {
    if (!file) return;
    const ac = new AbortController();
    uploading.current = ac;
    setMessage(null);
    setSent(0);
    const r = await sendLockerFile(file, {
      folderId,
      signal: ac.signal,
      onProgress: (n) => setSent(n),
    });
    uploading.current = null;
    setSent(null);
    if (r === 'aborted') return setMessage({ kind: 'info', text: t('upload.cancelled') });
    if (!r.ok) return setMessage({ kind: 'error', text: failure(r) });
    setFile(null);
    if (input.current) input.current.value = '';
    setMessage({ kind: 'success', text: t('upload.done', { name: r.name }) });
    router.refresh();
  }

  const busy = sent !== null;
  const tooBig = file !== null && (file.size > MAX_BYTES || file.size === 0);
  return (
    <Card title={t('upload.title')}>
      <div className="space-y-4">
        <div className="space-y-1">
          <label htmlFor="locker-file" className="block text-sm font-medium text-slate-800">
            {file ? t('upload.another') : t('upload.choose')}
          </label>
          <input
            ref={input}
            id="locker-file"
            data-testid="locker-file"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,.bmp,.gif,application/pdf,image/jpeg,image/png,image/bmp,image/gif"
            disabled={busy}
            aria-describedby="locker-file-hint"
            className="block w-full text-sm text-slate-700 file:mr-3 file:min-h-11 file:rounded-lg file:border-0 file:bg-brand-50 file:px-4 file:py-2 file:font-medium file:text-brand-800"
            onChange={(e) => pick(e.target.files?.[0])}
          />
          <p id="locker-file-hint" className="text-xs text-slate-500">
            {t('upload.hint')}
          </p>
          {file ? (
            <p className="break-all text-sm text-slate-800">
              {t('upload.selected', { name: file.name, size: size(file.size) })}
            </p>
          ) : null}
        </div>
        {folders.length > 0 ? (
          <div className="space-y-1">
            <label htmlFor="locker-folder" className="block text-sm font-medium text-slate-800">
              {t('upload.folder')}
            </label>
            <select
              id="locker-folder"
              className={inputStyles}
              value={folderId}
              disabled={busy}
              onChange={(e) => setFolderId(e.target.value)}
            >
              <option value="">{t('upload.noFolder')}</option>
              {folders.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {sent !== null && file ? (
          <div className="space-y-2">
            <ProgressBar
              testId="locker-upload-progress"
              label={t('upload.sending', { sent: size(sent), total: size(file.size) })}
              value={sent}
              max={file.size}
            />
            <Button type="button" variant="secondary" onClick={() => uploading.current?.abort()}>
              {t('upload.cancel')}
            </Button>
          </div>
        ) : (
          <Button
            type="button"
            disabled={!file || tooBig}
            onClick={upload}
            className="w-full sm:w-auto"
          >
            {t('upload.send')}
          </Button>
        )}
        {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      </div>
    </Card>
  );
}
