import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/**
 * Hands client components only the message namespaces they use. Sending the whole catalogue with
 * every page made each response about 25 KB heavier (docs/benchmarks.md).
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: string[];
  children: ReactNode;
}) {
  const all = (await getMessages()) as Record<string, unknown>;
  const picked = Object.fromEntries(namespaces.filter((n) => n in all).map((n) => [n, all[n]]));
  return <NextIntlClientProvider messages={picked as never}>{children}</NextIntlClientProvider>;
}
