CREATE TABLE "account_closure_proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"close_at" timestamp with time zone,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	CONSTRAINT "account_closure_proposals_outcome_check" CHECK ("account_closure_proposals"."outcome" is null or "account_closure_proposals"."outcome" in ('approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "account_closure_proposals" ADD CONSTRAINT "account_closure_proposals_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_closure_proposals_account_idx" ON "account_closure_proposals" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_closure_proposals_pending_key" ON "account_closure_proposals" USING btree ("account_id") WHERE "account_closure_proposals"."outcome" is null;