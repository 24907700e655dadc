export const dynamic = 'force-dynamic';

// JSON verification arrives with the signed-credentials issue; for now no code is known.
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return Response.json(
    { status: 'not-found', code: code.slice(0, 64), message: 'No certificate has this code' },
    { status: 404, headers: { 'cache-control': 'no-store' } },
  );
}
