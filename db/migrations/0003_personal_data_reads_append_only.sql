-- Every read of a customer's personal data is itself a record (REGULATION.md: access by third
-- parties is prohibited except for lawful purposes). The log is append-only, like case_events:
-- UPDATE, DELETE and TRUNCATE are refused by the database itself.
CREATE FUNCTION personal_data_reads_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'personal_data_reads is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER personal_data_reads_no_update_delete BEFORE UPDATE OR DELETE ON personal_data_reads
  FOR EACH ROW EXECUTE FUNCTION personal_data_reads_refuse_change();
--> statement-breakpoint
CREATE TRIGGER personal_data_reads_no_truncate BEFORE TRUNCATE ON personal_data_reads
  FOR EACH STATEMENT EXECUTE FUNCTION personal_data_reads_refuse_change();
