CREATE TABLE "party_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "party_changes_kind_check" CHECK ("party_changes"."kind" in ('substantial-control-determined', 'facts-corrected', 'stake-changed', 'beneficial-owner-removed'))
);
--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "citizenships" text[];--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "organized_in" text;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "tracked" boolean;--> statement-breakpoint
ALTER TABLE "parties" ADD COLUMN "beneficial_owner_determination" jsonb;--> statement-breakpoint
ALTER TABLE "party_changes" ADD CONSTRAINT "party_changes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_changes" ADD CONSTRAINT "party_changes_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_changes_customer_idx" ON "party_changes" USING btree ("customer_id","changed_at");--> statement-breakpoint
-- A change of a party's facts is a record of who changed what, when and why: append-only, like
-- case_events and personal_data_reads.
CREATE FUNCTION party_changes_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'party_changes is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER party_changes_no_update_delete BEFORE UPDATE OR DELETE ON party_changes
  FOR EACH ROW EXECUTE FUNCTION party_changes_refuse_change();
--> statement-breakpoint
CREATE TRIGGER party_changes_no_truncate BEFORE TRUNCATE ON party_changes
  FOR EACH STATEMENT EXECUTE FUNCTION party_changes_refuse_change();
