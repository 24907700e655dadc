import { describe, expect, it } from 'vitest';
import { CATALOGS, LOCALES } from './locales';

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const en = flatten(CATALOGS.en);

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s has every English key and no extra ones',
    (locale) => {
      const other = flatten(CATALOGS[locale] as Record<string, unknown>);
      const missing = Object.keys(en).filter((k) => !(k in other));
      const extra = Object.keys(other).filter((k) => !(k in en));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    },
  );

  it.each(LOCALES)('%s has no empty messages and the same placeholders as English', (locale) => {
    const cat = flatten(CATALOGS[locale] as Record<string, unknown>);
    for (const [key, value] of Object.entries(cat)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders(value), key).toEqual(placeholders(en[key] ?? ''));
    }
  });

  it('Hindi is really Hindi', () => {
    expect(CATALOGS.hi.areas.locker).toMatch(/[\u0900-\u097F]/);
  });
});

describe('catalog files', () => {
  it('each top-level namespace lives in exactly one file', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('./messages/', import.meta.url);
    const owner = new Map<string, string>();
    for (const file of readdirSync(dir).filter(
      (f) => f.endsWith('.json') && !f.startsWith('hi') && !f.endsWith('.hi.json'),
    )) {
      const keys = Object.keys(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as object);
      for (const k of keys) {
        expect(owner.get(k), `${k} in ${file} and ${owner.get(k)}`).toBeUndefined();
        owner.set(k, file);
      }
    }
  });
});
