// Worker entry: worker threads do not inherit the --import hooks, so register tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./xml-sign-worker.ts');
