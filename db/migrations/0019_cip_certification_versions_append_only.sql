-- A certification version is the record of what was assembled, and of what the provider
-- attested and filed: it is immutable. UPDATE, DELETE and TRUNCATE are refused by the database.
CREATE FUNCTION cip_certification_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cip_certification_versions is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cip_certification_versions_no_update_delete BEFORE UPDATE OR DELETE ON cip_certification_versions
  FOR EACH ROW EXECUTE FUNCTION cip_certification_versions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER cip_certification_versions_no_truncate BEFORE TRUNCATE ON cip_certification_versions
  FOR EACH STATEMENT EXECUTE FUNCTION cip_certification_versions_refuse_change();
