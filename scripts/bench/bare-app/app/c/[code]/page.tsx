import { notFound } from 'next/navigation';
import postgres from 'postgres';

export const dynamic = 'force-dynamic';

// One pool per process, like any app's database client.
const sql = postgres(process.env.DATABASE_URL!, { max: 10, prepare: true });

type Row = {
  code: string;
  name: string;
  title: string;
  issuer: string;
  issue_date: string;
  status: string;
};

/** One indexed lookup in a 100,000-row table (`bench_bare`), six fields rendered. */
export default async function BarePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const [row] = await sql<Row[]>`
    select code, name, title, issuer, issue_date::text, status from bench_bare where code = ${code}`;
  if (!row) notFound();
  return (
    <dl>
      <dt>Code</dt>
      <dd>{row.code}</dd>
      <dt>Name</dt>
      <dd>{row.name}</dd>
      <dt>Title</dt>
      <dd>{row.title}</dd>
      <dt>Issuer</dt>
      <dd>{row.issuer}</dd>
      <dt>Issued</dt>
      <dd>{row.issue_date}</dd>
      <dt>Status</dt>
      <dd>{row.status}</dd>
    </dl>
  );
}
