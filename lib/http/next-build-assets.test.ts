import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stylesheetsOf } from './next-build-assets';

const PAGE = '/verify/[code]/page';
let dir: string;

function build(manifest: string): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanad-next-'));
  const file = path.join(dir, 'server', 'app', `${PAGE}_client-reference-manifest.js`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, manifest);
  return dir;
}
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

// The shape Next.js 16 writes (abridged).
const manifestOf = (entryCSSFiles: unknown) =>
  `globalThis.__RSC_MANIFEST=(globalThis.__RSC_MANIFEST||{});globalThis.__RSC_MANIFEST[${JSON.stringify(PAGE)}]=${JSON.stringify({ moduleLoading: {}, entryCSSFiles })};`;

describe('stylesheetsOf', () => {
  it("reads the page's stylesheets from the build, once each", () => {
    const d = build(
      manifestOf({
        '[project]/app/not-found': [],
        '[project]/app/layout': [{ path: 'static/chunks/a.css', inlined: false }],
        '[project]/app/verify/[code]/page': [
          { path: 'static/chunks/a.css', inlined: false },
          { path: 'static/chunks/b.css', inlined: false },
        ],
      }),
    );
    expect(stylesheetsOf(d, PAGE)).toEqual([
      '/_next/static/chunks/a.css',
      '/_next/static/chunks/b.css',
    ]);
  });

  it('gives up (the page is then left to Next.js) on a build it does not understand', () => {
    expect(stylesheetsOf('/nonexistent', PAGE)).toBeNull();
    expect(stylesheetsOf(build('this is not javascript ('), PAGE)).toBeNull();
    fs.rmSync(dir, { recursive: true });
    expect(stylesheetsOf(build(manifestOf(undefined)), PAGE)).toBeNull();
    fs.rmSync(dir, { recursive: true });
    expect(
      stylesheetsOf(build(manifestOf({ x: [{ path: 'a.css', inlined: true }] })), PAGE),
    ).toBeNull();
    fs.rmSync(dir, { recursive: true });
    expect(stylesheetsOf(build(manifestOf({ x: [] })), PAGE)).toBeNull();
  });
});
