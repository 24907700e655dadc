// Starts a worker thread on a TypeScript module (workerData.module, a file URL): loads tsx and
// the server-only resolver in the thread, which a worker thread does not inherit from the
// process's `--import` flags. See validation-thread.ts.
import { register as registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
registerHooks('../../scripts/hooks/server-only-resolver.mjs', import.meta.url);
await import(workerData.module);
