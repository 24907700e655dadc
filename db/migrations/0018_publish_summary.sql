ALTER TABLE "record_uploads" ADD COLUMN "issued_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD COLUMN "superseded_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD COLUMN "revoked_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD COLUMN "sign_in_sms_count" integer DEFAULT 0;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD COLUMN "arrived_sms_count" integer DEFAULT 0;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD COLUMN "publish_failure" jsonb;