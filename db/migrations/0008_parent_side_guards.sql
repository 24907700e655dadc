ALTER TABLE "users" DROP CONSTRAINT "users_aadhaar_vault_id_aadhaar_vault_id_fk";
--> statement-breakpoint
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_issuer_org_id_organisations_id_fk";
--> statement-breakpoint
-- The parent side of the two dropped foreign keys (a per-row check on every certificate and
-- account a bulk publish writes): an organisation that has issued certificates, or a vault entry
-- an account refers to, cannot be deleted or given another id.
CREATE FUNCTION "refuse_orphaned_certificates"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id)
     AND EXISTS (SELECT 1 FROM certificates WHERE issuer_org_id = OLD.id) THEN
    RAISE EXCEPTION 'organisation % has issued certificates: it cannot be deleted or given another id', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER "organisations_keep_certificate_issuers" BEFORE DELETE OR UPDATE OF "id" ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION "refuse_orphaned_certificates"();
--> statement-breakpoint
CREATE FUNCTION "refuse_orphaned_accounts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id)
     AND EXISTS (SELECT 1 FROM users WHERE aadhaar_vault_id = OLD.id) THEN
    RAISE EXCEPTION 'vault entry % belongs to an account: it cannot be deleted or given another id', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER "aadhaar_vault_keep_account_links" BEFORE DELETE OR UPDATE OF "id" ON "aadhaar_vault"
  FOR EACH ROW EXECUTE FUNCTION "refuse_orphaned_accounts"();
