import type { ReactNode } from 'react';

/**
 * The top bar's frame: skip link, brand, areas and tools. The site header fills it with Next.js
 * links and client controls; the verification page's (public-page.tsx) with plain markup.
 */
export function HeaderFrame({
  skipLabel,
  brand,
  navLabel,
  nav,
  tools,
}: {
  skipLabel: string;
  /** The link home, around <BrandMark/> and the name. */
  brand: ReactNode;
  navLabel: string;
  nav: ReactNode;
  tools: ReactNode;
}) {
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        {skipLabel}
      </a>
      <div className="site-bar">
        {brand}
        <nav aria-label={navLabel} className="site-nav">
          {nav}
        </nav>
        <div className="site-tools">{tools}</div>
      </div>
    </header>
  );
}

export function BrandMark() {
  return (
    <span aria-hidden className="site-brand-mark">
      स
    </span>
  );
}
