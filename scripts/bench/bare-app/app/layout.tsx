import type { ReactNode } from 'react';

// The baseline of `npm run bench:verify`: what any Next.js app pays for a dynamic page, with
// nothing of Sanad's (no header, session, messages or styles).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
