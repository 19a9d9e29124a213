-- Tamper evidence for the two append-only records: case_events (one hash chain per case) and
-- personal_data_reads (one chain for the whole log). Each entry carries its position, the hash
-- of the entry before it and its own hash: SHA-256 over the previous hash and the entry's
-- content. The database computes all three on insert, whatever a writer sends, so every writer
-- (activities, API, a future service) chains the same way. Editing an entry breaks its own hash;
-- deleting one leaves a gap in the positions and a broken link; rewriting an entry and every
-- entry after it is only caught against a chain head recorded elsewhere (GET /v1/audit/verify
-- returns the heads for that).
--
-- Why one chain per case for case_events: writers of different cases never wait for each other,
-- and one case's record (its dossier) can be verified on its own. The reads log is written far
-- less often, and one chain over it also catches a read removed from a customer's trail.
CREATE FUNCTION audit_chain_timestamp(ts timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
--> statement-breakpoint
CREATE FUNCTION case_event_chain_hash(e case_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.prev_hash, e.id, e.case_id, e.chain_seq, e.event_key, e.type,
    audit_chain_timestamp(e.occurred_at), audit_chain_timestamp(e.recorded_at), e.actor, e.data
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION personal_data_read_chain_hash(r personal_data_reads) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.prev_hash, r.id, r.customer_id, r.chain_seq, r.actor, r.purpose, to_jsonb(r.fields),
    audit_chain_timestamp(r.read_at)
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION case_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq integer;
  last_hash text;
BEGIN
  -- Writers of one case take turns (held to the end of the transaction); other cases go on.
  PERFORM pg_advisory_xact_lock(hashtextextended('case_events:' || NEW.case_id::text, 0));
  SELECT chain_seq, hash INTO last_seq, last_hash FROM case_events
    WHERE case_id = NEW.case_id ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := case_event_chain_hash(NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION personal_data_reads_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq integer;
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('personal_data_reads', 0));
  SELECT chain_seq, hash INTO last_seq, last_hash FROM personal_data_reads ORDER BY chain_seq DESC LIMIT 1;
  NEW.chain_seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := personal_data_read_chain_hash(NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Entries written before the chain existed are chained once, in the order they were written.
ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  e case_events;
  prev_case uuid;
  seq integer;
  prev text;
BEGIN
  FOR e IN SELECT * FROM case_events ORDER BY case_id, id LOOP
    IF prev_case IS DISTINCT FROM e.case_id THEN
      prev_case := e.case_id; seq := 0; prev := repeat('0', 64);
    END IF;
    seq := seq + 1;
    e.chain_seq := seq;
    e.prev_hash := prev;
    prev := case_event_chain_hash(e);
    UPDATE case_events SET chain_seq = seq, prev_hash = e.prev_hash, hash = prev WHERE id = e.id;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete;
--> statement-breakpoint
ALTER TABLE personal_data_reads DISABLE TRIGGER personal_data_reads_no_update_delete;
--> statement-breakpoint
DO $$
DECLARE
  r personal_data_reads;
  seq integer := 0;
  prev text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM personal_data_reads ORDER BY id LOOP
    seq := seq + 1;
    r.chain_seq := seq;
    r.prev_hash := prev;
    prev := personal_data_read_chain_hash(r);
    UPDATE personal_data_reads SET chain_seq = seq, prev_hash = r.prev_hash, hash = prev WHERE id = r.id;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE personal_data_reads ENABLE TRIGGER personal_data_reads_no_update_delete;
--> statement-breakpoint
CREATE UNIQUE INDEX case_events_chain_position ON case_events (case_id, chain_seq);
--> statement-breakpoint
CREATE UNIQUE INDEX personal_data_reads_chain_position ON personal_data_reads (chain_seq);
--> statement-breakpoint
CREATE TRIGGER case_events_chain BEFORE INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_chain();
--> statement-breakpoint
CREATE TRIGGER personal_data_reads_chain BEFORE INSERT ON personal_data_reads
  FOR EACH ROW EXECUTE FUNCTION personal_data_reads_chain();
