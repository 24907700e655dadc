ALTER TABLE "record_rows" DROP CONSTRAINT "record_rows_upload_id_record_uploads_id_fk";
--> statement-breakpoint
DROP INDEX "aadhaar_vault_blind_index_uq";--> statement-breakpoint
ALTER TABLE "aadhaar_vault" ALTER COLUMN "id" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "record_rows" ALTER COLUMN "fields" SET DATA TYPE json;