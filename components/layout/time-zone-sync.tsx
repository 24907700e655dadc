'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { TIME_ZONE_COOKIE } from '@/lib/i18n/time-zone';

/**
 * Tells the server the browser's time zone (a cookie), so pages show times in the reader's local
 * time; the page is drawn again once when the server drew it with another zone. `seen` is the
 * cookie the server read for this page: comparing with it rather than with the cookie now in the
 * browser also catches a page requested before another page of the area had set the cookie.
 */
export function TimeZoneSync({ seen }: { seen: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || seen === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
    router.refresh();
  }, [router, seen]);
  return null;
}
