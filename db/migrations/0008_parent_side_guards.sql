ALTER TABLE "users" DROP CONSTRAINT "users_aadhaar_vault_id_aadhaar_vault_id_fk";
--> statement-breakpoint
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_issuer_org_id_organisations_id_fk";
--> statement-breakpoint
-- The parent side of the two dropped foreign keys (a per-row check on every certificate and
-- account a bulk publish writes): a row that another table refers to (the trigger's arguments:
-- that table and its referring column) cannot be deleted or given another id. So an organisation
-- that has issued certificates, or a vault entry an account refers to, stays.
CREATE FUNCTION "refuse_orphaning"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referred boolean;
BEGIN
  IF TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', TG_ARGV[0], TG_ARGV[1])
      INTO referred USING OLD.id;
    IF referred THEN
      RAISE EXCEPTION '% % is referred to by %: it cannot be deleted or given another id',
        TG_TABLE_NAME, OLD.id, TG_ARGV[0]
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER "organisations_keep_certificate_issuers" BEFORE DELETE OR UPDATE OF "id" ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION "refuse_orphaning"('certificates', 'issuer_org_id');
--> statement-breakpoint
CREATE TRIGGER "aadhaar_vault_keep_account_links" BEFORE DELETE OR UPDATE OF "id" ON "aadhaar_vault"
  FOR EACH ROW EXECUTE FUNCTION "refuse_orphaning"('users', 'aadhaar_vault_id');
