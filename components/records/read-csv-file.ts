import { detectDelimiter } from '@/lib/records/delimiter';
import { MAX_ROW_CHARS } from '@/lib/records/limits';
import { SNIFF_BYTES, sniffCsv } from '@/lib/records/sniff';
import {
  createPreviewBuilder,
  createRecordSplitter,
  type CsvPreview,
  type RowCheck,
} from './csv-preview';

// Reads a picked file in the browser for the preview: sniff the first bytes (refuse a PDF or a
// spreadsheet before any parsing), then stream and decode it so a 50 MB file never sits in
// memory as one string; TextDecoder keeps characters split across chunks whole.

export type FileRead =
  { ok: true; encoding: string; preview: CsvPreview } | { ok: false; code: string };

/** Gives the browser a moment to paint the progress bar, once per this many bytes. */
const PAINT_EVERY = 512 * 1024;
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function readCsvFile(
  file: Blob,
  opts: {
    check: RowCheck;
    maxRows: number;
    onProgress?: (bytesRead: number) => void;
    signal?: AbortSignal;
  },
): Promise<FileRead> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniff = sniffCsv(head);
  if (!sniff.ok) return { ok: false, code: sniff.code };

  const decoder = new TextDecoder(sniff.encoding);
  // The header row decides the delimiter (as on the server), so it waits for the first text.
  let splitter = null as ReturnType<typeof createRecordSplitter> | null;
  const split = (text: string) =>
    (splitter ??= createRecordSplitter(detectDelimiter(text))).push(text);
  const builder = createPreviewBuilder({ check: opts.check, maxRows: opts.maxRows });
  const reader = file.slice(sniff.bomLength).stream().getReader();
  let read = sniff.bomLength;
  let painted = 0;
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      builder.addText(split(decoder.decode(value, { stream: true })));
      if (splitter!.pending > MAX_ROW_CHARS) builder.refuseLongRow();
      if (builder.stopped) break;
      read += value.byteLength;
      if (read - painted >= PAINT_EVERY) {
        painted = read;
        opts.onProgress?.(read);
        await pause();
      }
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  opts.signal?.throwIfAborted();
  builder.addText(split(decoder.decode()));
  builder.addText(splitter?.flush() ?? '');
  opts.onProgress?.(file.size);
  return { ok: true, encoding: sniff.encoding, preview: builder.result() };
}
