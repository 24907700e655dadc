import nodemailer from 'nodemailer';
import { config } from '@/lib/config';

export type Deliverable = { id: string; recipient: string; subject: string | null; body: string };
export type Transport = (message: Deliverable) => Promise<void>;
export type Transports = Partial<Record<'email' | 'sms', Transport>>;

/** Email over SMTP (`SMTP_URL`), SMS through an HTTP webhook (`SMS_WEBHOOK_URL`). */
export function createTransports(opts?: {
  smtpUrl?: string;
  smsWebhookUrl?: string;
  smsWebhookToken?: string;
  mailFrom?: string;
}): Transports {
  const smtpUrl = opts?.smtpUrl ?? config.smtpUrl;
  const smsUrl = opts?.smsWebhookUrl ?? config.smsWebhookUrl;
  const smsToken = opts?.smsWebhookToken ?? config.smsWebhookToken;
  const from = opts?.mailFrom ?? config.mailFrom;
  const transports: Transports = {};

  if (smtpUrl) {
    const mailer = nodemailer.createTransport(smtpUrl);
    transports.email = async (m) => {
      await mailer.sendMail({
        from,
        to: m.recipient,
        subject: m.subject ?? 'Sanad',
        text: m.body,
        // A stable Message-ID lets a receiving server drop a duplicate after a crash mid-send.
        messageId: `<${m.id}@sanad.outbox>`,
      });
    };
  }

  if (smsUrl) {
    transports.sms = async (m) => {
      const res = await fetch(smsUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': m.id,
          ...(smsToken ? { authorization: `Bearer ${smsToken}` } : {}),
        },
        body: JSON.stringify({ id: m.id, to: m.recipient, text: m.body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS webhook answered HTTP ${res.status}`);
    };
  }
  return transports;
}
