ALTER TABLE "memberships" DROP CONSTRAINT "memberships_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_org_id_organisations_id_fk";

--> statement-breakpoint
-- The rules of the two dropped foreign keys, checked once per statement over the rows it wrote
-- (a bulk publish adds 2,000 citizen memberships in one statement) instead of once per row.
-- Written by hand: drizzle-kit does not express triggers. Accounts and organisations are never
-- deleted by the app, so no row lock guards a delete racing an insert, as a foreign key would.
CREATE FUNCTION "memberships_refer_to_existing"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM written w WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = w.user_id))
  THEN
    RAISE EXCEPTION 'a membership refers to an account that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM written w WHERE w.org_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = w.org_id))
  THEN
    RAISE EXCEPTION 'a membership refers to an organisation that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "memberships_check_inserted" AFTER INSERT ON "memberships"
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "memberships_refer_to_existing"();
--> statement-breakpoint
CREATE TRIGGER "memberships_check_updated" AFTER UPDATE ON "memberships"
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "memberships_refer_to_existing"();
--> statement-breakpoint
-- ON DELETE CASCADE: an account's or an organisation's memberships go with it (the trigger's
-- argument: the membership column that refers to the deleted rows).
CREATE FUNCTION "memberships_go_with"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('DELETE FROM memberships WHERE %I IN (SELECT id FROM gone)', TG_ARGV[0]);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_delete_memberships" AFTER DELETE ON "users"
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "memberships_go_with"('user_id');
--> statement-breakpoint
CREATE TRIGGER "organisations_delete_memberships" AFTER DELETE ON "organisations"
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION "memberships_go_with"('org_id');
--> statement-breakpoint
-- A referred-to account or organisation keeps its id (migration 0008's guard).
CREATE TRIGGER "users_keep_membership_ids" BEFORE UPDATE OF "id" ON "users"
  FOR EACH ROW EXECUTE FUNCTION "refuse_orphaning"('memberships', 'user_id');
--> statement-breakpoint
CREATE TRIGGER "organisations_keep_membership_ids" BEFORE UPDATE OF "id" ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION "refuse_orphaning"('memberships', 'org_id');
