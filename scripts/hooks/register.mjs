// Loaded with `node --import` by every script: lets scripts import lib/ modules that start with
// `import 'server-only'` (a guard meant for Next.js bundles, which throws anywhere else).
import { register } from 'node:module';

register('./server-only-resolver.mjs', import.meta.url);
