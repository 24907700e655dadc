import type { ReactNode } from 'react';

const ICONS: Record<string, string> = {
  valid: '✓',
  revoked: '✗',
  tampered: '✗',
  expired: '!',
  suspended: '!',
  superseded: '↻',
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
  return (
    <section
      role="status"
      data-testid="verify-result"
      data-status={status}
      className="verdict" // colours by data-status (app/globals.css)
    >
      <div className="flex items-start gap-4">
        <span aria-hidden className="verdict-icon">
          {ICONS[status] ?? ICONS.revoked}
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
