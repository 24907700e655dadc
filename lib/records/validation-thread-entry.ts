import { parentPort } from 'node:worker_threads';
import type { CsvBatch } from './read-csv';
import { analyseHeader } from './columns';
import { validateBatch } from './validate-batch';
import { prepareRowContext, type RowContext } from './validate-row';

// The helper thread of a validation (validation-thread.ts): checks the batches it is sent.

let job: { ctx: RowContext; uploadId: string; vaultIds: Map<string, string> } | null = null;

parentPort!.on(
  'message',
  (
    m:
      | { start: { header: string[]; defaultDocType: string; uploadId: string } }
      | { id: number; batch: CsvBatch },
  ) => {
    if ('start' in m) {
      const { header, defaultDocType, uploadId } = m.start;
      job = {
        ctx: prepareRowContext(analyseHeader(header), defaultDocType),
        uploadId,
        vaultIds: new Map(),
      };
      return;
    }
    const result = validateBatch(m.batch, job!.ctx, job!.uploadId, job!.vaultIds);
    parentPort!.postMessage({ id: m.id, result });
  },
);
parentPort!.postMessage({ ready: true });
