-- What earlier publishes did, counted from the certificates and rows they left. How many SMS they
-- queued was not counted: null, and the upload page leaves those lines out.
UPDATE "record_uploads" u SET "issued_count" = c.issued, "superseded_count" = c.superseded
FROM (
  SELECT "source_upload_id" AS id,
    count(*) FILTER (WHERE "supersedes_id" IS NULL)::int AS issued,
    count(*) FILTER (WHERE "supersedes_id" IS NOT NULL)::int AS superseded
  FROM "certificates" WHERE "source_upload_id" IS NOT NULL GROUP BY 1
) c
WHERE c.id = u."id";
--> statement-breakpoint
UPDATE "record_uploads" u SET "revoked_count" = d.revoked
FROM (
  SELECT r."upload_id" AS id, count(*)::int AS revoked
  FROM "record_rows" r JOIN "record_uploads" x ON x."id" = r."upload_id"
  WHERE r."outcome" = 'accepted' AND r."change" = 'deleted' AND r."row_no" <= x."published_through_row"
  GROUP BY 1
) d
WHERE d.id = u."id";
--> statement-breakpoint
UPDATE "record_uploads" SET "sign_in_sms_count" = NULL, "arrived_sms_count" = NULL
WHERE "published_rows" > 0;
--> statement-breakpoint
-- A reason stored as English text before reasons were stored as codes.
UPDATE "record_uploads"
SET "publish_failure" = jsonb_build_object('code', 'earlier', 'values', jsonb_build_object('detail', "publish_error"))
WHERE "publish_error" IS NOT NULL;
