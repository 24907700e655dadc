import { Forbidden } from '@/components/layout/forbidden';

// Rendered with HTTP 403 when a page or layout calls forbidden() (lib/auth/guard.ts).
export default function ForbiddenPage() {
  return <Forbidden home="/sign-in" />;
}
