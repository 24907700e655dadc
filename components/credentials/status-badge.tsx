import { Badge } from '@/components/ui';

const TONE = {
  valid: 'green',
  revoked: 'red',
  tampered: 'red',
  expired: 'amber',
  suspended: 'amber',
  superseded: 'slate',
} as const;

export function CertificateStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span data-testid="certificate-status" data-status={status}>
      <Badge tone={TONE[status as keyof typeof TONE] ?? 'slate'}>{label}</Badge>
    </span>
  );
}
