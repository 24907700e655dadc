'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { TIME_ZONE_COOKIE } from '@/lib/i18n/time-zone';

function cookieZone(): string | null {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`));
  return found ? decodeURIComponent(found.slice(TIME_ZONE_COOKIE.length + 1)) : null;
}

/**
 * Tells the server the browser's time zone (a cookie), so pages show times in the reader's local
 * time; the page is drawn again once when the zone first arrives or changes.
 */
export function TimeZoneSync() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || cookieZone() === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
    router.refresh();
  }, [router]);
  return null;
}
