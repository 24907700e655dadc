import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

type CssEntry = { path?: unknown; inlined?: unknown };

/**
 * The stylesheets Next.js links on an App Router page, read from the build's client reference
 * manifest (`entryCSSFiles`), as `/_next/...` URLs. Null when the build has no such manifest or
 * its shape is not the one this reads: the caller then leaves the page to Next.js.
 */
export function stylesheetsOf(distDir: string, page: string): string[] | null {
  let source: string;
  try {
    source = fs.readFileSync(
      path.join(distDir, 'server', 'app', `${page}_client-reference-manifest.js`),
      'utf8',
    );
  } catch {
    return null;
  }
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryCSSFiles?: unknown }> } = {};
  try {
    vm.runInNewContext(source, sandbox, { timeout: 1000 });
  } catch {
    return null;
  }
  const entries = sandbox.__RSC_MANIFEST?.[page]?.entryCSSFiles;
  if (!entries || typeof entries !== 'object') return null;
  const hrefs = new Set<string>();
  for (const files of Object.values(entries as Record<string, unknown>)) {
    if (!Array.isArray(files)) return null;
    for (const f of files as CssEntry[]) {
      if (typeof f?.path !== 'string' || f.inlined === true) return null;
      if (f.path.endsWith('.css')) hrefs.add(`/_next/${f.path}`);
    }
  }
  return hrefs.size > 0 ? [...hrefs] : null;
}
