CREATE TABLE "aadhaar_vault" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"blind_index" text NOT NULL,
	"sealed" text NOT NULL,
	"last4" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registry_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"applicant_user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"website" text,
	"owner" jsonb NOT NULL,
	"authorized" jsonb NOT NULL,
	"agreement_version" text NOT NULL,
	"agreement_accepted_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"registry_id" uuid,
	"address" text,
	"website" text,
	"default_doc_type" text DEFAULT 'SKCER' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_registry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"city" text,
	"state" text,
	"status" text DEFAULT 'listed' NOT NULL,
	"requested_by" uuid,
	"note" text,
	"org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_rows" (
	"upload_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"operation" text NOT NULL,
	"cert_no" text NOT NULL,
	"recipient_name" text,
	"outcome" text NOT NULL,
	"errors" jsonb NOT NULL,
	"fields" jsonb NOT NULL,
	"aadhaar_vault_id" uuid,
	"change" text,
	"changed_fields" jsonb,
	"existing_certificate_id" uuid,
	"certificate_id" uuid,
	"linked_user_id" uuid,
	"published_at" timestamp with time zone,
	CONSTRAINT "record_rows_upload_id_row_no_pk" PRIMARY KEY("upload_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "record_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"file_key" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"failure" jsonb,
	"columns" jsonb,
	"template_key" text,
	"row_count" integer DEFAULT 0 NOT NULL,
	"validated_rows" integer DEFAULT 0 NOT NULL,
	"accepted_count" integer DEFAULT 0 NOT NULL,
	"rejected_count" integer DEFAULT 0 NOT NULL,
	"new_count" integer DEFAULT 0 NOT NULL,
	"changed_count" integer DEFAULT 0 NOT NULL,
	"deleted_count" integer DEFAULT 0 NOT NULL,
	"unchanged_count" integer DEFAULT 0 NOT NULL,
	"published_rows" integer DEFAULT 0 NOT NULL,
	"linked_count" integer DEFAULT 0 NOT NULL,
	"accounts_created" integer DEFAULT 0 NOT NULL,
	"publish_error" text,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"publish_started_at" timestamp with time zone,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "aadhaar_vault_id" uuid;--> statement-breakpoint
ALTER TABLE "institution_applications" ADD CONSTRAINT "institution_applications_registry_id_institution_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "public"."institution_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_applications" ADD CONSTRAINT "institution_applications_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_applications" ADD CONSTRAINT "institution_applications_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_applications" ADD CONSTRAINT "institution_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_profiles" ADD CONSTRAINT "institution_profiles_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_profiles" ADD CONSTRAINT "institution_profiles_registry_id_institution_registry_id_fk" FOREIGN KEY ("registry_id") REFERENCES "public"."institution_registry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_registry" ADD CONSTRAINT "institution_registry_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_registry" ADD CONSTRAINT "institution_registry_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_rows" ADD CONSTRAINT "record_rows_upload_id_record_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."record_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD CONSTRAINT "record_uploads_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD CONSTRAINT "record_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD CONSTRAINT "record_uploads_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "aadhaar_vault_blind_index_uq" ON "aadhaar_vault" USING btree ("blind_index");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_applications_pending_uq" ON "institution_applications" USING btree ("registry_id") WHERE "institution_applications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "institution_applications_org_idx" ON "institution_applications" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_registry_code_uq" ON "institution_registry" USING btree ("code");--> statement-breakpoint
CREATE INDEX "record_rows_upload_outcome_idx" ON "record_rows" USING btree ("upload_id","outcome","row_no");--> statement-breakpoint
CREATE INDEX "record_rows_upload_cert_idx" ON "record_rows" USING btree ("upload_id","cert_no");--> statement-breakpoint
CREATE INDEX "record_rows_certificate_idx" ON "record_rows" USING btree ("certificate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_uploads_org_sha_uq" ON "record_uploads" USING btree ("org_id","sha256");--> statement-breakpoint
CREATE INDEX "record_uploads_org_created_idx" ON "record_uploads" USING btree ("org_id","created_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_aadhaar_vault_id_aadhaar_vault_id_fk" FOREIGN KEY ("aadhaar_vault_id") REFERENCES "public"."aadhaar_vault"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "users_aadhaar_uq" ON "users" USING btree ("aadhaar_vault_id") WHERE "users"."aadhaar_vault_id" is not null;