-- The access log is append-only: no row changes, and a row goes only once it is over a year old
-- (the retention the citizen is promised).
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.at > now() - interval '1 year' THEN
    RAISE EXCEPTION 'access_log rows are kept for a year' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER access_log_append_only
  BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_no_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate
  BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_no_truncate();
