import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { TIME_ZONE_COOKIE } from '@/lib/i18n/time-zone';
import { TimeZoneSync } from './time-zone-sync';

/**
 * A role area's frame: its own sub-navigation above the page. Areas show times, so the browser's
 * time zone is passed on here.
 */
export async function AreaShell({
  title,
  links,
  children,
}: {
  title: string;
  links: { href: string; label: string }[];
  children: ReactNode;
}) {
  const seen = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null;
  return (
    <div>
      <TimeZoneSync seen={seen} />
      <div className="mb-6 flex flex-wrap items-center gap-2 border-b border-slate-200 pb-3">
        <span className="mr-2 text-xs font-semibold uppercase tracking-wider text-brand-700">
          {title}
        </span>
        {links.length > 1 &&
          links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
            >
              {l.label}
            </Link>
          ))}
      </div>
      {children}
    </div>
  );
}
