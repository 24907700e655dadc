ALTER TABLE "outbox" ALTER COLUMN "recipient" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "recipients" text[];--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sent_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_one_addressing_ck" CHECK (num_nonnulls("outbox"."recipient", "outbox"."recipients") = 1 and coalesce(cardinality("outbox"."recipients"), 1) > 0);