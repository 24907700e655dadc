import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Card, PageTitle, buttonStyles } from '@/components/ui';
import { COLUMNS, SUBJECT_SUFFIXES, type ColumnGroup } from '@/lib/records/columns';

// Public documentation of the upload format (spec/records-csv.md), outside the signed-in
// institution area: clerks and the software vendors who build their exports both read it.
// Everything comes from the column catalogue, so the page cannot drift from the validation.

const GROUPS: readonly ColumnGroup[] = ['record', 'institution', 'performance', 'skill', 'student'];
const RULES = ['header', 'columns', 'operation', 'encoding', 'check', 'aadhaar', 'formulas'];

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('recordTemplate');
  return { title: t('title') };
}

/** A table that scrolls sideways on a phone instead of squeezing its columns. */
function Table({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <div className="-mx-5 overflow-x-auto px-5">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="text-slate-600">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="align-top">{children}</tbody>
      </table>
    </div>
  );
}

const cell = 'border-t border-slate-100 px-2 py-2';

export default async function RecordTemplatePage() {
  const t = await getTranslations('recordTemplate');
  const head = ['column', 'meaning', 'mandatory', 'format', 'example'].map((k) => t(`table.${k}`));
  const example = (v: string) => (v ? <code className="break-all">{v}</code> : t('noExample'));

  return (
    <div className="space-y-6" data-testid="record-template">
      <PageTitle sub={t('intro')}>{t('title')}</PageTitle>

      <Card title={t('downloadsTitle')}>
        <div className="grid gap-4 sm:grid-cols-2">
          {(
            [
              ['/institution/template.csv', 'downloadTemplate', 'primary'],
              ['/institution/sample.csv', 'downloadSample', 'secondary'],
            ] as const
          ).map(([href, key, variant]) => (
            <div key={key}>
              <a href={href} download className={`${buttonStyles[variant]} w-full sm:w-auto`}>
                {t(key)}
              </a>
              <p className="mt-2 text-sm text-slate-600">{t(`${key}Hint`)}</p>
            </div>
          ))}
        </div>
      </Card>

      <Card title={t('rulesTitle')}>
        <ul className="list-disc space-y-2 pl-5 text-slate-700">
          {RULES.map((r) => (
            <li key={r}>{t(`rules.${r}`)}</li>
          ))}
        </ul>
      </Card>

      {GROUPS.map((group) => (
        <Card key={group} title={t(`groups.${group}`)}>
          <Table head={head}>
            {COLUMNS.filter((c) => c.group === group).map((c) => (
              <tr key={c.name} id={c.name}>
                <th scope="row" className={`${cell} font-mono text-xs font-semibold`}>
                  {c.name}
                </th>
                <td className={cell}>{t(`columns.${c.name}`)}</td>
                <td className={cell}>
                  {!c.mandatory
                    ? t('mandatoryNo')
                    : c.name === 'CERT_NO'
                      ? t('mandatoryAlways')
                      : t('mandatoryYes')}
                </td>
                <td className={cell}>
                  {t.has(`formats.${c.name}`) ? t(`formats.${c.name}`) : t(`kinds.${c.kind}`)}
                </td>
                <td className={cell}>{example(c.example)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      ))}

      <Card title={t('subjectsTitle')}>
        <p className="mb-2 text-slate-700">{t('subjectsIntro')}</p>
        <p className="mb-4 text-slate-700">{t('subjectsEnd')}</p>
        <Table head={head.filter((_, i) => i !== 2)}>
          {SUBJECT_SUFFIXES.map((s) => (
            <tr key={s.suffix}>
              <th scope="row" className={`${cell} font-mono text-xs font-semibold`}>
                SUBn{s.suffix}
              </th>
              <td className={cell}>{t(`subjects.${s.key}`)}</td>
              <td className={cell}>{t(`kinds.${s.kind}`)}</td>
              <td className={cell}>{example(s.example)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </div>
  );
}
