CREATE TYPE "public"."access_actor" AS ENUM('holder', 'issuer_staff', 'share_link', 'partner', 'verifier', 'admin', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."correction_status" AS ENUM('open', 'answered', 'fixed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."document_signature_kind" AS ENUM('pades', 'detached');--> statement-breakpoint
CREATE TYPE "public"."upload_kind" AS ENUM('pdf', 'jpeg', 'png', 'gif', 'bmp');--> statement-breakpoint
CREATE TABLE "access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"certificate_id" uuid,
	"file_id" uuid,
	"document_label" text NOT NULL,
	"actor_kind" "access_actor" NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" uuid,
	"share_link_id" uuid,
	"partner_id" uuid,
	"purpose" text,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "correction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"issuer_org_id" uuid NOT NULL,
	"what_is_wrong" text NOT NULL,
	"should_say" text NOT NULL,
	"status" "correction_status" DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by_user_id" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "document_signature_kind" NOT NULL,
	"signed_storage_key" text,
	"detached" text,
	"original_sha256" text NOT NULL,
	"signed_sha256" text NOT NULL,
	"signer_name" text NOT NULL,
	"signing_kid" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "locker_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"folder_id" uuid,
	"name" text NOT NULL,
	"kind" "upload_kind" NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locker_files_size_ck" CHECK ("locker_files"."size" >= 0 and "locker_files"."size" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "locker_folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locker_folders_user_name_uq" UNIQUE("user_id","name")
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"certificate_id" uuid,
	"file_id" uuid,
	"token_hash" text NOT NULL,
	"purpose" text,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "share_links_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "share_links_one_target_ck" CHECK (("share_links"."certificate_id" is null) <> ("share_links"."file_id" is null))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "aadhaar_linked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "recipient_aadhaar_vault_id" uuid;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_issuer_org_id_organisations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_file_id_locker_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."locker_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signatures" ADD CONSTRAINT "document_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locker_files" ADD CONSTRAINT "locker_files_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locker_files" ADD CONSTRAINT "locker_files_folder_id_locker_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."locker_folders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locker_folders" ADD CONSTRAINT "locker_folders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_file_id_locker_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."locker_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_owner_idx" ON "access_log" USING btree ("owner_user_id","at");--> statement-breakpoint
CREATE INDEX "correction_requests_issuer_idx" ON "correction_requests" USING btree ("issuer_org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "correction_requests_user_idx" ON "correction_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "document_signatures_file_idx" ON "document_signatures" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "document_signatures_signed_sha_idx" ON "document_signatures" USING btree ("signed_sha256");--> statement-breakpoint
CREATE INDEX "locker_files_user_idx" ON "locker_files" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "share_links_user_idx" ON "share_links" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "certificates_unlinked_aadhaar_idx" ON "certificates" USING btree ("recipient_aadhaar_vault_id") WHERE "certificates"."recipient_aadhaar_vault_id" is not null and "certificates"."locker_user_id" is null;