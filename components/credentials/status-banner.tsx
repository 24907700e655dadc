import type { ReactNode } from 'react';

const STYLES: Record<string, { box: string; icon: string }> = {
  valid: { box: 'border-emerald-300 bg-emerald-50 text-emerald-900', icon: '✓' },
  revoked: { box: 'border-red-300 bg-red-50 text-red-900', icon: '✗' },
  tampered: { box: 'border-red-300 bg-red-50 text-red-900', icon: '✗' },
  expired: { box: 'border-amber-300 bg-amber-50 text-amber-900', icon: '!' },
  suspended: { box: 'border-amber-300 bg-amber-50 text-amber-900', icon: '!' },
  superseded: { box: 'border-sky-300 bg-sky-50 text-sky-900', icon: '↻' },
};

/** The one-glance answer at the top of a verification: valid, revoked, expired, … */
export function CertificateStatusBanner({
  status,
  title,
  body,
  children,
}: {
  status: string;
  title: string;
  body: string;
  children?: ReactNode;
}) {
  const s = STYLES[status] ?? STYLES.revoked!;
  return (
    <section
      role="status"
      data-testid="verify-result"
      data-status={status}
      className={`rounded-2xl border-2 p-5 ${s.box}`}
    >
      <div className="flex items-start gap-4">
        <span
          aria-hidden
          className="grid h-12 w-12 shrink-0 place-items-center rounded-full bg-white text-2xl font-bold shadow-sm"
        >
          {s.icon}
        </span>
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          <p className="mt-1">{body}</p>
          {children}
        </div>
      </div>
    </section>
  );
}
