import { getTranslations } from 'next-intl/server';
import { Pager } from './index';

/** The Pager with its words (the `pager` messages) in the reader's language. */
export async function PageLinks({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  const t = await getTranslations('pager');
  return (
    <Pager
      page={page}
      pages={pages}
      href={href}
      labels={{
        nav: t('nav'),
        previous: t('previous'),
        next: t('next'),
        pageOf: t('pageOf', { page, pages }),
      }}
    />
  );
}
