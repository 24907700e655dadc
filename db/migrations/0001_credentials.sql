CREATE TYPE "public"."certificate_status" AS ENUM('active', 'revoked', 'suspended', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."key_algorithm" AS ENUM('rsa-sha256', 'ed25519');--> statement-breakpoint
CREATE TABLE "certificate_renditions" (
	"certificate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_renditions_certificate_id_kind_pk" PRIMARY KEY("certificate_id","kind")
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuer_org_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"doc_id" text NOT NULL,
	"uri" text NOT NULL,
	"number" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"verification_code" text NOT NULL,
	"status" "certificate_status" DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"title" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_dob" date,
	"recipient_gender" "gender",
	"recipient_mobile" text,
	"recipient_email" text,
	"recipient_uid_masked" text,
	"locker_user_id" uuid,
	"issue_date" date NOT NULL,
	"valid_from" date,
	"expiry_date" date,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" jsonb NOT NULL,
	"template_key" text NOT NULL,
	"template_snapshot" jsonb NOT NULL,
	"status_index" integer NOT NULL,
	"signature" text NOT NULL,
	"signing_kid" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_issuer_number_version_uq" UNIQUE("issuer_org_id","number","version"),
	CONSTRAINT "certificates_issuer_status_index_uq" UNIQUE("issuer_org_id","status_index")
);
--> statement-breakpoint
CREATE TABLE "issuer_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"algorithm" "key_algorithm" NOT NULL,
	"kid" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"certificate_pem" text,
	"private_key_sealed" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "verification_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid,
	"channel" text NOT NULL,
	"result" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificate_renditions" ADD CONSTRAINT "certificate_renditions_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issuer_org_id_organisations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuer_keys" ADD CONSTRAINT "issuer_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_uri_uq" ON "certificates" USING btree ("uri");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_uq" ON "certificates" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "certificates_locker_idx" ON "certificates" USING btree ("locker_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "issuer_keys_kid_uq" ON "issuer_keys" USING btree ("kid");--> statement-breakpoint
CREATE UNIQUE INDEX "issuer_keys_active_uq" ON "issuer_keys" USING btree ("org_id","algorithm") WHERE "issuer_keys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "verification_events_at_idx" ON "verification_events" USING btree ("at");