'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useErrorText } from '@/components/i18n/use-error-text';
import { Alert, Button, Card } from '@/components/ui';
import type { ErrorKey } from '@/lib/errors';
import { checkPickedFile, type Issue } from './csv-preview';
import { formatBytes } from './format-bytes';
import { readCsvFile, type FileRead } from './read-csv-file';
import { serverRowCheck } from './row-check';
import { sendUpload, type UploadOutcome } from './send-upload';
import { ProgressBar } from './progress-bar';
import { PreviewSummary, RowProblems, SampleTable, useFileIssueText } from './upload-preview';

// Issue "Institution repository", item 3: the file is read and checked in the browser first
// (nothing leaves the machine), then sent as it is, with progress and a way to cancel.

type Read = Extract<FileRead, { ok: true }>;

export function UploadForm({ maxBytes, maxRows }: { maxBytes: number; maxRows: number }) {
  const t = useTranslations('recordUpload');
  const locale = useLocale();
  const router = useRouter();
  const errorText = useErrorText();
  const errorKeys = useTranslations('errors');
  const fileIssue = useFileIssueText();
  const size = (n: number) => formatBytes(n, locale);

  const [file, setFile] = useState<File | null>(null);
  const [refused, setRefused] = useState<Issue | null>(null);
  const [readBytes, setReadBytes] = useState<number | null>(null);
  const [read, setRead] = useState<Read | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [leaving, setLeaving] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const reading = useRef<AbortController | null>(null);
  const uploading = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      reading.current?.abort();
      uploading.current?.abort();
    },
    [],
  );
  // A half-sent file is lost if the tab closes; ask first.
  useEffect(() => {
    if (sent === null || leaving) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [sent, leaving]);

  function pick(picked: File | undefined) {
    if (!picked || sent !== null) return;
    reading.current?.abort();
    setFile(picked);
    setRead(null);
    setMessage(null);
    const early = checkPickedFile(picked, maxBytes);
    if (early?.code === 'tooLarge') early.values = { size: size(picked.size), max: size(maxBytes) };
    setRefused(early);
    if (early) return;
    const ac = new AbortController();
    reading.current = ac;
    setReadBytes(0);
    readCsvFile(picked, {
      check: serverRowCheck(),
      maxRows,
      signal: ac.signal,
      onProgress: setReadBytes,
    })
      .then((r) => {
        if (ac.signal.aborted) return;
        if (r.ok) setRead(r);
        else setRefused({ code: r.code });
      })
      .catch(() => {
        if (!ac.signal.aborted) setRefused({ code: 'readFailed' });
      })
      .finally(() => {
        if (reading.current !== ac) return;
        reading.current = null;
        setReadBytes(null);
      });
  }

  function stopReading() {
    reading.current?.abort();
    reading.current = null;
    setReadBytes(null);
    setFile(null);
  }

  function failureText(r: Extract<UploadOutcome, { ok: false }>): string {
    if (r.status === 0) return t('upload.network');
    if (r.error === 'tooLarge')
      return fileIssue({
        code: 'tooLarge',
        values: { size: size(file?.size ?? 0), max: size(maxBytes) },
      });
    // The server's typed errors (lib/errors) in the reader's language; anything else by status.
    const known = r.message !== '' && errorKeys.has(r.error);
    return known
      ? errorText({ key: r.error as ErrorKey, message: r.message, ref: r.ref })
      : t('upload.failed', { status: r.status });
  }

  async function upload() {
    if (!file) return;
    const ac = new AbortController();
    uploading.current = ac;
    setMessage(null);
    setSent(0);
    const r = await sendUpload(file, { signal: ac.signal, onProgress: (n) => setSent(n) });
    uploading.current = null;
    if (r !== 'aborted' && r.ok) {
      setLeaving(true);
      setMessage({ kind: 'info', text: t('upload.opening') });
      router.push(`/institution/uploads/${r.id}${r.duplicate ? '?duplicate=1' : ''}`);
      return;
    }
    setSent(null);
    setMessage(
      r === 'aborted'
        ? { kind: 'info', text: t('upload.cancelled') }
        : { kind: 'error', text: failureText(r) },
    );
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    pick(e.dataTransfer.files[0]);
  };
  const busy = sent !== null || leaving;
  const canUpload = read !== null && read.preview.blocking.length === 0 && !busy;

  return (
    <div className="space-y-6">
      <Card>
        <input
          id="upload-file"
          data-testid="upload-file"
          type="file"
          accept=".csv,.txt,.tsv,text/csv"
          className="peer sr-only"
          disabled={busy}
          aria-describedby="upload-file-hint"
          onChange={(e) => {
            pick(e.target.files?.[0]);
            e.target.value = ''; // so the same file, corrected, can be picked again
          }}
        />
        <label
          htmlFor="upload-file"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed px-4 py-8 text-center peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-disabled:cursor-not-allowed peer-disabled:opacity-60 ${dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-300 hover:bg-slate-50'}`}
        >
          <span className="font-medium text-brand-700 underline">
            {file ? t('pick.another') : t('pick.choose')}
          </span>
          <span className="text-sm text-slate-600">{t('pick.drop')}</span>
        </label>
        <p id="upload-file-hint" className="mt-2 text-xs text-slate-500">
          {t('pick.hint')}
        </p>
        {file ? (
          <p className="mt-3 break-all text-sm text-slate-800">
            {t('pick.selected', { name: file.name, size: size(file.size) })}
          </p>
        ) : null}
        {readBytes !== null && file ? (
          <div className="mt-4 space-y-2">
            <ProgressBar
              testId="parse-progress"
              label={t('reading', { done: size(readBytes), total: size(file.size) })}
              value={readBytes}
              max={file.size}
            />
            <Button type="button" variant="secondary" onClick={stopReading}>
              {t('stopReading')}
            </Button>
          </div>
        ) : null}
        {refused ? (
          <div className="mt-4">
            <Alert kind="error">{fileIssue(refused)}</Alert>
          </div>
        ) : null}
      </Card>

      {read ? (
        <>
          <PreviewSummary preview={read.preview} encoding={read.encoding} />
          <SampleTable preview={read.preview} />
          <RowProblems preview={read.preview} />
        </>
      ) : null}

      {read || message ? (
        <Card>
          <div className="space-y-3">
            {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
            {sent !== null && file ? (
              <ProgressBar
                testId="upload-progress"
                label={t('upload.sending', { done: size(sent), total: size(file.size) })}
                value={sent}
                max={file.size}
              />
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button
                type="button"
                data-testid="upload-submit"
                disabled={!canUpload}
                onClick={() => void upload()}
              >
                {t('upload.submit', { count: read?.preview.rows ?? 0 })}
              </Button>
              {sent !== null && !leaving ? (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => uploading.current?.abort()}
                >
                  {t('upload.cancel')}
                </Button>
              ) : null}
            </div>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
