import 'server-only';
import type { Db, DbOrTx } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { BusyError, RateLimitedError, TryTomorrowError } from '@/lib/errors';
import type { SignInIdentifier } from '@/lib/identity/identifiers';
import { addEvent, addressKey, countEvents, takeRateLimit } from './rate-limit';

// What one-time codes may cost. Every limit counts by identifier or by client address, never
// by whether an account exists, so the answers are the same for registered and unregistered
// numbers. Sending and checking each have their own budgets:
// - sending: per identifier per 15 minutes and per day, per client address per 15 minutes, and
//   one hourly SMS budget for the whole platform (SMS pumping through many numbers);
// - checking: wrong codes per identifier per day across all its codes (a code dies after 5
//   wrong tries, but new codes could be asked for all day), and per client address per hour.

const QUARTER = 15 * 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

export const OTP_BUCKETS = {
  request: 'otp.request',
  requestIp: 'otp.request.ip',
  daily: 'otp.daily',
  failed: 'otp.failed',
  failedIp: 'otp.failed.ip',
  sms: 'sms.budget',
  smsBreach: 'sms.budget.breach',
} as const;

/** The key the platform-wide SMS budget counts under. */
const ALL = 'all';

export class SmsBudgetSpent extends BusyError {
  constructor() {
    super('Sign-in codes by SMS cannot be sent right now. Please try again in an hour.');
  }
}

/**
 * Before a code is sent, in the transaction that stores it: throws when a budget is spent and
 * takes one unit of each otherwise (a later refusal rolls the units back with the transaction).
 */
export async function takeSendBudgets(tx: DbOrTx, id: SignInIdentifier, ip: string): Promise<void> {
  if (
    (await countEvents(tx, OTP_BUCKETS.failed, id.value, DAY)) >= config.otpFailedLimitPerIdentifier
  )
    throw new TryTomorrowError();
  if (
    !(await takeRateLimit(tx, OTP_BUCKETS.daily, id.value, config.otpDailyLimitPerIdentifier, DAY))
  )
    throw new TryTomorrowError();
  if (
    !(await takeRateLimit(
      tx,
      OTP_BUCKETS.request,
      id.value,
      config.otpRateLimitPerIdentifier,
      QUARTER,
    ))
  )
    throw new RateLimitedError();
  if (
    !(await takeRateLimit(
      tx,
      OTP_BUCKETS.requestIp,
      addressKey(ip),
      config.otpRateLimitPerIp,
      QUARTER,
    ))
  )
    throw new RateLimitedError();
  // Approximate under a burst (no lock on the one shared key): a budget, not an exact count.
  if (
    id.kind === 'mobile' &&
    !(await takeRateLimit(tx, OTP_BUCKETS.sms, ALL, config.smsHourlyBudget, HOUR, { exact: false }))
  )
    throw new SmsBudgetSpent();
}

/**
 * After the sending transaction rolled back on a spent SMS budget: the first refusal in an hour
 * is audited (and shows on the admin's overview); the rest are not, so a flood of requests does
 * not flood the audit log.
 */
export async function noteSmsBudgetSpent(db: Db, ip: string, userAgent?: string | null) {
  if (await takeRateLimit(db, OTP_BUCKETS.smsBreach, ALL, 1, HOUR)) {
    await recordAudit(db, {
      actorUserId: null,
      action: 'sms.budget_exceeded',
      objectType: 'platform',
      outcome: 'denied',
      ip,
      userAgent,
      detail: { budgetPerHour: config.smsHourlyBudget },
    });
  }
}

/** Before a code is checked: throws when the identifier or the address used up its wrong tries. */
export async function checkVerifyBudgets(tx: DbOrTx, identifier: string, ip: string) {
  if (
    (await countEvents(tx, OTP_BUCKETS.failed, identifier, DAY)) >=
    config.otpFailedLimitPerIdentifier
  )
    throw new TryTomorrowError();
  if (
    (await countEvents(tx, OTP_BUCKETS.failedIp, addressKey(ip), HOUR)) >=
    config.otpFailedLimitPerIp
  )
    throw new RateLimitedError();
}

/** A wrong (or dead) code was entered: counted for the identifier and the address, audited. */
export async function recordFailedVerification(
  tx: DbOrTx,
  f: {
    identifier: string;
    ip: string;
    userAgent?: string | null;
    purpose: string;
    userId?: string | null;
  },
) {
  await addEvent(tx, OTP_BUCKETS.failed, f.identifier);
  await addEvent(tx, OTP_BUCKETS.failedIp, addressKey(f.ip));
  const failures = await countEvents(tx, OTP_BUCKETS.failed, f.identifier, DAY);
  const locked = failures >= config.otpFailedLimitPerIdentifier;
  await recordAudit(tx, {
    actorUserId: f.userId ?? null,
    action: locked ? 'auth.code_locked' : 'auth.code_failed',
    objectType: 'identifier',
    objectId: f.identifier,
    outcome: 'denied',
    ip: f.ip,
    userAgent: f.userAgent,
    detail: { purpose: f.purpose, failuresToday: failures },
  });
}

/** The platform's SMS budget as the admin sees it: used this hour, and the last breach. */
export async function smsBudgetStatus(db: DbOrTx) {
  const [used, breaches] = await Promise.all([
    countEvents(db, OTP_BUCKETS.sms, ALL, HOUR),
    countEvents(db, OTP_BUCKETS.smsBreach, ALL, DAY),
  ]);
  return { used, budget: config.smsHourlyBudget, breachedToday: breaches > 0 };
}
