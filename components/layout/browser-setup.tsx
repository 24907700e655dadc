'use client';

import { config } from 'zod/v4/core';

// zod compiles schemas with `new Function` where it may; its probe for that is reported as a
// Content-Security-Policy violation, since the policy forbids eval. Forms in the browser parse
// without it (the server keeps compiling: this runs only in the browser).
if (typeof window !== 'undefined') config({ jitless: true });

/** Rendered once by the site layout, for the module above to run in the browser. */
export function BrowserSetup() {
  return null;
}
