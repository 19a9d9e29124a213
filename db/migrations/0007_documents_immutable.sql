-- A stored document and a recorded CIP version are evidence: what was recorded is what is served.
-- The database itself refuses UPDATE, DELETE and TRUNCATE of both tables.
CREATE FUNCTION refuse_change_of_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_no_update_delete BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER cip_documents_no_update_delete BEFORE UPDATE OR DELETE ON cip_documents
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_record();
--> statement-breakpoint
CREATE TRIGGER cip_documents_no_truncate BEFORE TRUNCATE ON cip_documents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_record();
