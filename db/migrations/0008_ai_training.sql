CREATE TABLE "ai_training_report_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"contents" jsonb NOT NULL,
	"complete" boolean NOT NULL,
	"completeness" jsonb NOT NULL,
	"amends_version_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"filed_at" timestamp with time zone,
	"filed_by" text,
	"filing_receipt" text,
	"filed_on_time" boolean,
	CONSTRAINT "ai_training_report_versions_transaction_version_key" UNIQUE("transaction_id","version"),
	CONSTRAINT "ai_training_report_versions_kind_check" CHECK ("ai_training_report_versions"."kind" in ('provider-draft', 'reseller-submission', 'amendment')),
	CONSTRAINT "ai_training_report_versions_filing_check" CHECK (("ai_training_report_versions"."filed_at" is null) = ("ai_training_report_versions"."filing_receipt" is null))
);
--> statement-breakpoint
CREATE TABLE "ai_training_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"external_reference" text NOT NULL,
	"case_id" uuid NOT NULL,
	"route" text NOT NULL,
	"customer_id" uuid,
	"reseller_id" uuid,
	"reseller_customer_reference" text,
	"transaction_at" timestamp with time zone NOT NULL,
	"knowledge_at" timestamp with time zone,
	"changed_arrangement" boolean DEFAULT false NOT NULL,
	"estimated_operations" text NOT NULL,
	"cluster" jsonb NOT NULL,
	"primarily_biological_sequence_data" boolean,
	"operations_start" timestamp with time zone,
	"operations_end" timestamp with time zone,
	"model_name" text,
	"cybersecurity_practices" text,
	"contact_info_ref" text,
	"payment_info_ref" text,
	"rule_set_id" text NOT NULL,
	"coverage" jsonb NOT NULL,
	"below_threshold_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "ai_training_transactions_route_check" CHECK ("ai_training_transactions"."route" in ('direct', 'through-reseller')),
	CONSTRAINT "ai_training_transactions_party_check" CHECK (("ai_training_transactions"."route" = 'direct' and "ai_training_transactions"."customer_id" is not null and "ai_training_transactions"."reseller_id" is null) or ("ai_training_transactions"."route" = 'through-reseller' and "ai_training_transactions"."reseller_id" is not null and "ai_training_transactions"."reseller_customer_reference" is not null)),
	CONSTRAINT "ai_training_transactions_knowledge_check" CHECK ("ai_training_transactions"."knowledge_at" is null or "ai_training_transactions"."knowledge_at" >= "ai_training_transactions"."transaction_at"),
	CONSTRAINT "ai_training_transactions_below_threshold_check" CHECK (("ai_training_transactions"."coverage"->>'covered')::boolean or "ai_training_transactions"."below_threshold_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "ai_training_report_versions" ADD CONSTRAINT "ai_training_report_versions_transaction_id_ai_training_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."ai_training_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_training_transactions" ADD CONSTRAINT "ai_training_transactions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_training_transactions" ADD CONSTRAINT "ai_training_transactions_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_training_report_versions_case_idx" ON "ai_training_report_versions" USING btree ("case_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_training_transactions_external_reference_key" ON "ai_training_transactions" USING btree ("external_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_training_transactions_case_id_key" ON "ai_training_transactions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "ai_training_transactions_created_at_id_idx" ON "ai_training_transactions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "ai_training_transactions_reseller_idx" ON "ai_training_transactions" USING btree ("reseller_id");