ALTER TABLE "certificates" ADD COLUMN "source_upload_id" uuid;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "source_row_no" integer;--> statement-breakpoint
ALTER TABLE "record_uploads" ADD COLUMN "published_through_row" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Written by hand (drizzle-kit drops the table first): what the row markers held moves before
-- they go. A certificate keeps the row it was published from; an upload's resume point is its
-- last published row (chunks are published in row order).
UPDATE "certificates" c SET "source_upload_id" = p."upload_id", "source_row_no" = p."row_no"
  FROM "record_row_publications" p WHERE p."certificate_id" = c."id";--> statement-breakpoint
UPDATE "record_uploads" u SET "published_through_row" = m."last"
  FROM (SELECT "upload_id", max("row_no") AS "last" FROM "record_row_publications" GROUP BY "upload_id") m
  WHERE m."upload_id" = u."id";--> statement-breakpoint
DROP TABLE "record_row_publications" CASCADE;
