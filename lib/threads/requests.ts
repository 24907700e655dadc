import type { Transferable, Worker } from 'node:worker_threads';

/**
 * Requests to a worker thread, each answered by one message with the same `id` (messages without
 * an id, such as a "ready", are ignored). When the thread fails or stops, every request waiting
 * and every later one is rejected. Used by the record signing thread and the validation thread.
 */
export type ThreadRequests<Answer> = {
  /** Requests sent and not answered yet. */
  readonly pending: number;
  request(message: object, transfer?: readonly Transferable[]): Promise<Answer>;
  /** Stops the thread; later requests are rejected. */
  close(): Promise<void>;
};

export function threadRequests<Answer extends { id: number }>(
  worker: Worker,
  /** The thread, as messages name it ("signing thread"). */
  name: string,
): ThreadRequests<Answer> {
  const waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (m: Partial<Answer> | null) => {
    if (typeof m?.id !== 'number') return;
    waiting.get(m.id)?.resolve(m as Answer);
    waiting.delete(m.id);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The ${name} stopped (exit code ${code})`)));
  return {
    get pending() {
      return waiting.size;
    },
    request(message, transfer) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ ...message, id }, transfer);
      });
    },
    async close() {
      failure ??= new Error(`The ${name} is closed`);
      await worker.terminate();
    },
  };
}
