import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { addressKey, takeRateLimit } from '@/lib/auth/rate-limit';
import { InvalidError, RateLimitedError, TooLargeError, toPublicError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { BULK_STATUS_MAX, bulkStatus, bulkStatusCsv, codesFromCsv } from './bulk-status';

const ZBulkStatusInput = z.object({
  codes: z.array(z.string().max(200)).min(1, 'codes is empty'),
});

// Each request may check 10,000 codes; an address gets 60 requests a minute.
const REQUESTS_PER_MINUTE = 60;
const BODY_MAX_BYTES = 1024 * 1024;

async function bodyText(req: Request): Promise<string> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > BODY_MAX_BYTES)
    throw new TooLargeError('The request is larger than 1 MB');
  const text = await req.text();
  if (Buffer.byteLength(text) > BODY_MAX_BYTES)
    throw new TooLargeError('The request is larger than 1 MB');
  return text;
}

/** The bulk status check: JSON in, JSON out; or CSV in, CSV out. */
export async function statusCheckResponse(db: Db, req: Request): Promise<Response> {
  const csv = (req.headers.get('content-type') ?? '').toLowerCase().startsWith('text/csv');
  try {
    const ip = clientIp(req.headers);
    if (
      !(await takeRateLimit(db, 'status.bulk', addressKey(ip), REQUESTS_PER_MINUTE, 60, {
        exact: false,
      }))
    )
      throw new RateLimitedError('Too many status checks from this address; wait a minute');
    const text = await bodyText(req);
    let codes: string[];
    if (csv) codes = codesFromCsv(text);
    else {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new InvalidError('The body is not JSON: send {"codes": [...]} or a text/csv file');
      }
      const parsed = ZBulkStatusInput.safeParse(json);
      if (!parsed.success)
        throw new InvalidError('Send {"codes": [...]}: a list of verification codes or URIs');
      codes = parsed.data.codes;
    }
    const rows = await bulkStatus(db, codes);
    if (csv)
      return new Response(bulkStatusCsv(rows), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="status-check.csv"',
          'cache-control': 'no-store',
        },
      });
    return Response.json(
      { count: rows.length, max: BULK_STATUS_MAX, results: rows },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    const e = toPublicError(error, 'POST /api/v1/status');
    return Response.json(
      { error: e.key, message: e.message, ...(e.ref ? { ref: e.ref } : {}) },
      { status: e.status },
    );
  }
}
