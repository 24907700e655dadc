import { Alert } from '@/components/ui';

// What a publish did, as the upload page shows it: each count on its own line, the SMS counts
// only when they were counted (not for uploads published before they were), and why a publish
// stopped, in the reader's language.

export type PublishCounts = {
  publishedRows: number;
  issuedCount: number;
  supersededCount: number;
  revokedCount: number;
  linkedCount: number;
  accountsCreated: number;
  signInSmsCount: number | null;
  arrivedSmsCount: number | null;
};

/** As stored on the upload (lib/records/publish.ts). */
export type PublishFailure = {
  code: string;
  values?: Record<string, string | number>;
  at?: { from: number; to: number; published: number };
};

type T = (key: string, values?: Record<string, string | number>) => string;

export function PublishSummary({
  counts,
  done,
  t,
  n,
}: {
  counts: PublishCounts;
  /** The publish finished: the summary says so. */
  done: boolean;
  t: T;
  n: (v: number) => string;
}) {
  const lines: [string, number | null][] = [
    ['issued', counts.issuedCount],
    ['superseded', counts.supersededCount],
    ['revoked', counts.revokedCount],
    ['linked', counts.linkedCount],
    ['created', counts.accountsCreated],
    ['signInSms', counts.signInSmsCount],
    ['arrivedSms', counts.arrivedSmsCount],
  ];
  const list = (
    <dl className="mt-2 space-y-1 text-sm" data-testid="publish-counts">
      {lines.map(([key, value]) =>
        value === null ? null : (
          <div key={key} className="flex justify-between gap-4" data-testid={`published-${key}`}>
            <dt>{t(`publishCount.${key}`)}</dt>
            <dd className="font-semibold tabular-nums">{n(value)}</dd>
          </div>
        ),
      )}
    </dl>
  );
  if (!done) return list;
  return (
    <Alert kind="success">
      <p className="font-medium" data-testid="publish-done">
        {t('publishedSummary', { published: n(counts.publishedRows) })}
      </p>
      {list}
    </Alert>
  );
}

/** Why publishing stopped, and where: `publishFailure.*` in the catalogs. */
export function PublishFailureText({ failure, t }: { failure: PublishFailure | null; t: T }) {
  return (
    <Alert kind="error">
      <span data-testid="publish-failure">
        {failure ? t(`publishFailure.${failure.code}`, failure.values) : null}
        {failure?.at ? ` ${t('publishFailure.stoppedAt', failure.at)}` : null}
      </span>
    </Alert>
  );
}
