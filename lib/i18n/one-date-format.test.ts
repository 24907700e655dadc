import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Pages show dates only through lib/i18n/format.ts (page-dates.ts binds it to the request), so
// each language has one date format everywhere. Formatting a date any other way in app/ or
// components/ fails here.
const ROOT = path.resolve(import.meta.dirname, '../..');
const OTHER_WAYS = [
  /\.toLocale(Date|Time)?String\(/,
  /toISOString\(\)\s*\.\s*(slice|replace|split|substring)\(/,
  /new Intl\.DateTimeFormat\(/,
  /\.dateTime\(/,
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('one date format per language', () => {
  it('no page or component formats a date except through lib/i18n/format.ts', () => {
    const offenders = ['app', 'components'].flatMap((dir) =>
      sources(path.join(ROOT, dir)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            OTHER_WAYS.some((re) => re.test(line))
              ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`]
              : [],
          ),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
