CREATE TABLE "partner_auth_failures" (
	"partner_id" uuid,
	"hour" timestamp with time zone NOT NULL,
	"failures" integer NOT NULL,
	"last_reason" text NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_auth_failures_uq" UNIQUE NULLS NOT DISTINCT("partner_id","hour")
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "org_id" text DEFAULT ('partner-' || substr(md5(gen_random_uuid()::text), 1, 10)) NOT NULL;--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "keyhash_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_auth_failures" ADD CONSTRAINT "partner_auth_failures_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_org_id_uq" UNIQUE("org_id");