import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { NextIntlClientProvider } from 'next-intl';
import { describe, expect, it, vi } from 'vitest';
import { CATALOGS } from '@/lib/i18n/locales';
import { LockerFileList, type FileItem } from './file-list';
import { LockerFolders } from './folders';
import { LockerUploadForm } from './upload-form';
import { toSendOutcome } from './send-file';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh() {} }) }));

const ok = async () => ({ ok: true as const, data: null });
const file: FileItem = {
  id: 'a',
  name: 'आधार.pdf',
  kind: 'pdf',
  size: '1 kB',
  uploaded: '1 Dec 2026',
  folderId: 'f',
  folderName: 'Marks',
  signed: true,
};

function page(locale: 'en' | 'hi', files: FileItem[]) {
  const children = [
    h(LockerUploadForm, { key: 1, folders: [{ id: 'f', name: 'Marks' }] }),
    h(LockerFolders, {
      key: 2,
      folders: [{ id: 'f', name: 'Marks', files: 2 }],
      actions: { create: async () => ({ ok: true as const, data: 'x' }), rename: ok, remove: ok },
    }),
    h(LockerFileList, {
      key: 3,
      files,
      folders: [{ id: 'f', name: 'Marks' }],
      actions: { rename: async () => ({ ok: true as const, data: 'x' }), move: ok, remove: ok },
    }),
  ];
  const text = renderToStaticMarkup(
    h(NextIntlClientProvider, {
      locale,
      messages: CATALOGS[locale],
      timeZone: 'Asia/Kolkata',
      children,
    }),
  );
  return text;
}

describe('the uploads page parts', () => {
  it.each(['en', 'hi'] as const)('show each file with its labels and links in %s', (locale) => {
    const html = page(locale, [file]);
    const t = CATALOGS[locale].lockerFiles;
    expect(html).toContain('href="/api/locker/files/a"');
    expect(html).toContain('href="/locker/shares?new=file:a"');
    expect(html).toContain('href="/locker/uploads/a/sign"');
    expect(html).toContain(t.list.uploadedByYou);
    expect(html).toContain(t.list.signed);
    expect(page(locale, [{ ...file, signed: false }])).not.toContain(t.list.signed);
  });

  it("reads the server's refusal code, and a bare 413 as too large", () => {
    expect(
      toSendOutcome(400, JSON.stringify({ error: 'invalid', fieldErrors: { file: 'pdfScript' } })),
    ).toMatchObject({ ok: false, reason: 'pdfScript' });
    expect(toSendOutcome(413, '<html>')).toMatchObject({ ok: false, reason: 'tooLarge' });
    expect(toSendOutcome(201, JSON.stringify({ id: 'x', name: 'a.pdf' }))).toEqual({
      ok: true,
      id: 'x',
      name: 'a.pdf',
    });
  });
});
