// Runtime configuration, read from the environment. Every variable is documented in README.md
// ("Configuration"). Values are read lazily so that `next build` needs none of them.

function str(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

function int(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export type AppEnv = 'production' | 'local' | 'test';

export const config = {
  /** `production` hides /dev/inbox and refuses to run without real secrets. */
  get appEnv(): AppEnv {
    const v = process.env.APP_ENV;
    if (v === 'production' || v === 'local' || v === 'test') return v;
    return 'production';
  },
  get databaseUrl(): string {
    const v = process.env.DATABASE_URL;
    if (!v)
      throw new Error(
        'DATABASE_URL is not set (the start command sets it for the embedded database)',
      );
    return v;
  },
  get databasePoolSize(): number {
    return int('DATABASE_POOL_SIZE', 10);
  },
  get publicBaseUrl(): string {
    return str('PUBLIC_BASE_URL', `http://localhost:${str('PORT', '3000')}`).replace(/\/+$/, '');
  },
  get smtpUrl(): string | undefined {
    return process.env.SMTP_URL || undefined;
  },
  get mailFrom(): string {
    return str('MAIL_FROM', 'Sanad <no-reply@sanad.local>');
  },
  get smsWebhookUrl(): string | undefined {
    return process.env.SMS_WEBHOOK_URL || undefined;
  },
  get smsWebhookToken(): string | undefined {
    return process.env.SMS_WEBHOOK_TOKEN || undefined;
  },
  /** Key for hashing one-time codes and other server-side HMACs. */
  get authSecret(): string {
    const v = process.env.NEXTAUTH_SECRET;
    if (!v) throw new Error('NEXTAUTH_SECRET is not set');
    return v;
  },
  get devInboxEnabled(): boolean {
    return this.appEnv !== 'production';
  },
  get otpRateLimitPerIdentifier(): number {
    return int('OTP_LIMIT_PER_IDENTIFIER', 5);
  },
  get otpRateLimitPerIp(): number {
    return int('OTP_LIMIT_PER_IP', 30);
  },
  /** Codes one mobile number or email may be sent in 24 hours, whoever asks. */
  get otpDailyLimitPerIdentifier(): number {
    return int('OTP_DAILY_LIMIT_PER_IDENTIFIER', 10);
  },
  /** Wrong codes entered for one mobile number or email in 24 hours, across its codes. */
  get otpFailedLimitPerIdentifier(): number {
    return int('OTP_FAILED_LIMIT_PER_IDENTIFIER', 10);
  },
  /** Wrong codes entered from one client address (IPv6: one /64) in an hour. */
  get otpFailedLimitPerIp(): number {
    return int('OTP_FAILED_LIMIT_PER_IP', 30);
  },
  /** One-time-code SMS the whole platform sends in an hour (a guard against SMS pumping). */
  get smsHourlyBudget(): number {
    return int('SMS_HOURLY_BUDGET', 1000);
  },
  /** Absolute lifetime of a sign-in, and the shorter one for anyone holding a staff role. */
  get sessionMaxHours(): number {
    return int('SESSION_MAX_HOURS', 24);
  },
  get staffSessionMaxHours(): number {
    return int('STAFF_SESSION_MAX_HOURS', 8);
  },
  /** A sign-in unused for this long ends. */
  get sessionIdleMinutes(): number {
    return int('SESSION_IDLE_MINUTES', 120);
  },
  /** Where uploaded files are kept (lib/storage, filesystem backend). */
  get storageDir(): string {
    return str('STORAGE_DIR', '.data/files');
  },
  /**
   * Sanad's e-Sign CA (lib/esign/ca.ts): its certificate and PKCS#8 private key, both PEM. When
   * unset, a CA is generated once and kept in STORAGE_DIR, its key sealed under the master key.
   */
  get esignCaCertPem(): string | undefined {
    return process.env.ESIGN_CA_CERT_PEM || undefined;
  },
  get esignCaKeyPem(): string | undefined {
    return process.env.ESIGN_CA_KEY_PEM || undefined;
  },
  /** Largest award CSV accepted (spec/records-csv.md; default 50 MB). */
  get recordsMaxBytes(): number {
    return int('RECORDS_MAX_BYTES', 50 * 1024 * 1024);
  },
  /** Most data rows in one award CSV (default 200,000). */
  get recordsMaxRows(): number {
    return int('RECORDS_MAX_ROWS', 200_000);
  },
  /** Award files one worker process validates at the same time (lib/records/jobs.ts). */
  get recordsValidationSlots(): number {
    return int('RECORDS_VALIDATION_SLOTS', 2);
  },
  /** clamd's address for scanning citizens' uploads (lib/locker/malware-scan.ts); unset: off. */
  get clamdHost(): string | undefined {
    return process.env.CLAMD_HOST || undefined;
  },
  get clamdPort(): number | undefined {
    const v = Number(process.env.CLAMD_PORT);
    return Number.isInteger(v) && v > 0 && v < 65536 ? v : undefined;
  },
  /** How long a scan may take before the upload is refused as "try later". */
  get clamdTimeoutMs(): number {
    return int('CLAMD_TIMEOUT_MS', 30_000);
  },
  /** Days an uploaded award file is kept after its upload (lib/maintenance/upload-files.ts). */
  get uploadFileRetentionDays(): number {
    return int('UPLOAD_FILE_RETENTION_DAYS', 90);
  },
};
