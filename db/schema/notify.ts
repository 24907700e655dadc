import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const channelEnum = pgEnum('notify_channel', ['email', 'sms']);
export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sending', 'sent', 'failed']);

/**
 * Every SMS and email is a row here, written in the same transaction as the change that caused
 * it (DESIGN.md, Data); a worker job delivers it. A bulk message is one text to many numbers
 * (the sign-in SMS of the accounts one chunk of a publish created): its numbers are in
 * `recipients`, `recipient` is null, and `sentCount` says how many of them are done (taken by
 * the transport, or moved to a failed message of their own after failing every attempt), so that
 * a retry resumes after them.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: channelEnum('channel').notNull(),
    recipient: text('recipient'),
    recipients: text('recipients').array(),
    sentCount: integer('sent_count').notNull().default(0),
    subject: text('subject'),
    body: text('body').notNull(),
    /** What kind of message this is, e.g. `auth.otp`; used for dev inbox filtering and metrics. */
    template: text('template').notNull(),
    status: outboxStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`, another worker may take the message over after this time. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_recipient_idx').on(t.recipient, t.createdAt),
    // A single recipient or a non-empty list, never both.
    check(
      'outbox_one_addressing_ck',
      sql`num_nonnulls(${t.recipient}, ${t.recipients}) = 1 and coalesce(cardinality(${t.recipients}), 1) > 0`,
    ),
  ],
);
