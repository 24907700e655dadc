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
      <div className="mb-6 border-b border-slate-200 pb-3 sm:flex sm:flex-wrap sm:items-center sm:gap-2">
        <span className="mr-2 block text-xs font-semibold uppercase tracking-wider text-brand-700">
          {title}
        </span>
        {links.length > 1 && (
          // On a phone the sections scroll sideways in one row rather than fill the screen.
          <nav className="-mx-1 mt-1 flex gap-1 overflow-x-auto whitespace-nowrap sm:mt-0 sm:flex-wrap sm:whitespace-normal">
            {links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                className="shrink-0 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
              >
                {l.label}
              </Link>
            ))}
          </nav>
        )}
      </div>
      {children}
    </div>
  );
}
