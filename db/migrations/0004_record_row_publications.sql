CREATE TABLE "record_row_publications" (
	"upload_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"certificate_id" uuid,
	"linked_user_id" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "record_row_publications_upload_id_row_no_pk" PRIMARY KEY("upload_id","row_no")
);
--> statement-breakpoint
-- Rows published before this migration keep their markers.
INSERT INTO "record_row_publications" ("upload_id", "row_no", "certificate_id", "linked_user_id", "published_at")
SELECT "upload_id", "row_no", "certificate_id", "linked_user_id", "published_at" FROM "record_rows" WHERE "published_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX "record_rows_certificate_idx";--> statement-breakpoint
CREATE INDEX "record_row_publications_certificate_idx" ON "record_row_publications" USING btree ("certificate_id");--> statement-breakpoint
ALTER TABLE "record_rows" DROP COLUMN "certificate_id";--> statement-breakpoint
ALTER TABLE "record_rows" DROP COLUMN "linked_user_id";--> statement-breakpoint
ALTER TABLE "record_rows" DROP COLUMN "published_at";