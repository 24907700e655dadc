-- Emails that no one proved with a code stop signing in.
-- An account with neither a mobile number nor an Aadhaar link can only have come from a sign-up
-- by email code: its email is proven.
UPDATE "users" SET "email_verified_at" = coalesce("last_sign_in_at", "created_at")
WHERE "email" IS NOT NULL AND "mobile" IS NULL AND "aadhaar_vault_id" IS NULL;
--> statement-breakpoint
-- Any other email was typed by someone (an institution, a CSV, the old profile form without a
-- code): it stays as the contact email of the person's staff roles, and leaves the account.
UPDATE "memberships" m SET "contact_email" = u."email"
FROM "users" u
WHERE m."user_id" = u."id" AND m."org_id" IS NOT NULL AND m."contact_email" IS NULL
  AND u."email" IS NOT NULL AND u."email_verified_at" IS NULL;
--> statement-breakpoint
UPDATE "users" SET "email" = NULL WHERE "email" IS NOT NULL AND "email_verified_at" IS NULL;
