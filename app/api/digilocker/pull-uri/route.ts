import { pullRoute } from '@/lib/partner-api/route';

export const dynamic = 'force-dynamic';

/** DigiLocker Issuer API: Pull URI Request (spec/digilocker.md, docs/digilocker-api.md). */
export const POST = pullRoute('uri');
