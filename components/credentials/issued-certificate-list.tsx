import Link from 'next/link';
import { CertificateStatusBadge } from './status-badge';

export type IssuedCertificateItem = {
  id: string;
  number: string;
  recipientName: string;
  title: string;
  version: number;
  live: string;
  /** The issue date as shown, when the list shows it. */
  issued?: string | null;
};

/** An institution's certificates, each linking to its page (dashboard and register). */
export function IssuedCertificateList({
  items,
  statusLabel,
}: {
  items: IssuedCertificateItem[];
  statusLabel: (live: string) => string;
}) {
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
          <Link
            href={`/institution/certificates/${c.id}`}
            className="font-mono text-sm font-medium break-all text-brand-700 underline"
          >
            {c.number}
          </Link>
          <span className="min-w-40 flex-1">{c.recipientName}</span>
          <span className="text-sm text-slate-500">
            {[c.title, c.version > 1 ? `v${c.version}` : null, c.issued]
              .filter(Boolean)
              .join(' · ')}
          </span>
          <CertificateStatusBadge status={c.live} label={statusLabel(c.live)} />
        </li>
      ))}
    </ul>
  );
}
