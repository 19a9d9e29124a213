-- A special measure's status history is a legal record like case_events: UPDATE, DELETE and
-- TRUNCATE are refused by the database itself.
CREATE FUNCTION special_measure_status_history_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'special_measure_status_history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER special_measure_status_history_no_update_delete BEFORE UPDATE OR DELETE ON special_measure_status_history
  FOR EACH ROW EXECUTE FUNCTION special_measure_status_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER special_measure_status_history_no_truncate BEFORE TRUNCATE ON special_measure_status_history
  FOR EACH STATEMENT EXECUTE FUNCTION special_measure_status_history_refuse_change();
