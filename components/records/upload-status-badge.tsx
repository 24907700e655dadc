import { Badge } from '@/components/ui';

const TONES = {
  received: 'slate',
  validating: 'slate',
  validated: 'green',
  failed: 'red',
  publishing: 'amber',
  published: 'green',
  publish_failed: 'red',
} as const;

export function UploadStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span data-testid="upload-status" data-status={status}>
      <Badge tone={TONES[status as keyof typeof TONES] ?? 'slate'}>{label}</Badge>
    </span>
  );
}
