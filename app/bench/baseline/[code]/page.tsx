import { notFound } from 'next/navigation';
import { certificateStatusByCode } from '@/lib/credentials/queries';

export const dynamic = 'force-dynamic';

// The baseline of `npm run bench:verify`: a dynamic page doing one indexed PostgreSQL lookup,
// under the same root layout as /verify/{code}. Exists only when SANAD_BENCH_ROUTES=1.
export default async function BaselinePage({ params }: { params: Promise<{ code: string }> }) {
  if (process.env.SANAD_BENCH_ROUTES !== '1') notFound();
  const { code } = await params;
  const status = await certificateStatusByCode(code);
  return <p>{status ?? 'none'}</p>;
}
