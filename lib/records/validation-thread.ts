import 'server-only';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { threadRequests } from '@/lib/threads/requests';
import type { CsvBatch } from './read-csv';
import type { BatchResult } from './validate-batch';

/**
 * A second thread for a validation (validate-upload.ts): it checks the batches it is sent while
 * the main thread reads, parses and checks others, so that a big file uses both cores. The
 * thread runs the same TypeScript (`validateBatch`), loaded through tsx in the thread
 * (validation-thread-boot.mjs). If it cannot start or stops, `check` rejects and the caller
 * checks the batch itself.
 */
export type ValidationThread = {
  /** Batches sent and not answered yet. */
  readonly pending: number;
  /** What the thread needs before the first batch: the header and the upload. */
  start(job: { header: string[]; defaultDocType: string; uploadId: string }): void;
  check(batch: CsvBatch): Promise<BatchResult>;
  close(): Promise<void>;
};

export function validationThread(): ValidationThread {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The thread's first code is evaluated in place and imports the boot file by URL at run time:
  // handed to `new Worker` as a path, the Next.js bundler would try to bundle it (and tsx) into
  // the app, which imports this module but never runs it.
  const worker = new Worker(`import(require('node:worker_threads').workerData.boot);`, {
    eval: true,
    workerData: {
      boot: pathToFileURL(path.join(here, 'validation-thread-boot.mjs')).href,
      module: pathToFileURL(path.join(here, 'validation-thread-entry.ts')).href,
    },
  });
  const thread = threadRequests<{ id: number; result: BatchResult }>(worker, 'validation thread');
  return {
    get pending() {
      return thread.pending;
    },
    start(job) {
      worker.postMessage({ start: job });
    },
    check: async (batch) => (await thread.request({ batch })).result,
    close: () => thread.close(),
  };
}
