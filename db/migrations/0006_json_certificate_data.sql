DROP INDEX "memberships_user_idx";--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "certificates" ALTER COLUMN "template_snapshot" SET DATA TYPE json;