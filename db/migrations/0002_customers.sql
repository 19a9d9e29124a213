CREATE TABLE "account_accesses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"accessed_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_accesses_kind_check" CHECK ("account_accesses"."kind" in ('access', 'administration'))
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"identification_case_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"restrictions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_due_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" text,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"last_accessed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_status_check" CHECK ("accounts"."status" in ('pending', 'open', 'interim-restricted', 'monitored', 'closed', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"external_reference" text NOT NULL,
	"us_person_status" text DEFAULT 'unknown' NOT NULL,
	"tracking_required" boolean DEFAULT true NOT NULL,
	"classified_at" timestamp with time zone,
	"classified_rule_set_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"personal_data_disposed_at" timestamp with time zone,
	CONSTRAINT "customers_kind_check" CHECK ("customers"."kind" in ('individual', 'entity')),
	CONSTRAINT "customers_us_person_status_check" CHECK ("customers"."us_person_status" in ('us', 'foreign', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "ip_accesses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"party_id" uuid,
	"ip" "inet",
	"accessed_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"disposed_at" timestamp with time zone,
	CONSTRAINT "ip_accesses_kind_check" CHECK ("ip_accesses"."kind" in ('access', 'administration'))
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"account_id" uuid,
	"reason" text NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	"released_by" text,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"ownership_percent" numeric(9, 6),
	"substantial_control" boolean DEFAULT false NOT NULL,
	"substantial_control_reason" text,
	"substantial_control_determined_by" text,
	"substantial_control_determined_at" timestamp with time zone,
	"us_citizen" boolean,
	"us_lawful_permanent_resident" boolean,
	"located_in_united_states" boolean,
	"organized_under_us_law" boolean,
	"foreign_branch_of_us_entity" boolean,
	"us_person_status" text DEFAULT 'unknown' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" text NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "parties_role_check" CHECK ("parties"."role" in ('customer', 'beneficial-owner')),
	CONSTRAINT "parties_kind_check" CHECK ("parties"."kind" in ('individual', 'entity')),
	CONSTRAINT "parties_ownership_percent_check" CHECK ("parties"."ownership_percent" is null or ("parties"."ownership_percent" > 0 and "parties"."ownership_percent" <= 100)),
	CONSTRAINT "parties_substantial_control_reason_check" CHECK (not "parties"."substantial_control" or "parties"."substantial_control_reason" is not null),
	CONSTRAINT "parties_us_person_status_check" CHECK ("parties"."us_person_status" in ('us', 'foreign', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "party_identities" (
	"party_id" uuid PRIMARY KEY NOT NULL,
	"name" text,
	"address" jsonb,
	"payment_methods" jsonb,
	"email" text,
	"telephone" text,
	"disposed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "personal_data_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"purpose" text NOT NULL,
	"fields" text[] NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"method" text NOT NULL,
	"method_detail" text NOT NULL,
	"result" text NOT NULL,
	"materials" jsonb,
	"performed_by" text NOT NULL,
	"performed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"materials_disposed_at" timestamp with time zone,
	CONSTRAINT "verification_attempts_method_check" CHECK ("verification_attempts"."method" in ('documentary', 'non-documentary')),
	CONSTRAINT "verification_attempts_result_check" CHECK ("verification_attempts"."result" in ('verified', 'failed', 'inconclusive'))
);
--> statement-breakpoint
CREATE TABLE "verification_discrepancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"description" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution" text,
	"disposed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "account_accesses" ADD CONSTRAINT "account_accesses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_accesses" ADD CONSTRAINT "ip_accesses_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ip_accesses" ADD CONSTRAINT "ip_accesses_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parties" ADD CONSTRAINT "parties_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_identities" ADD CONSTRAINT "party_identities_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_data_reads" ADD CONSTRAINT "personal_data_reads_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_attempts" ADD CONSTRAINT "verification_attempts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_attempts" ADD CONSTRAINT "verification_attempts_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_discrepancies" ADD CONSTRAINT "verification_discrepancies_attempt_id_verification_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."verification_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_accesses_account_idx" ON "account_accesses" USING btree ("account_id","accessed_at");--> statement-breakpoint
CREATE INDEX "accounts_customer_idx" ON "accounts" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_identification_case_key" ON "accounts" USING btree ("identification_case_id");--> statement-breakpoint
CREATE INDEX "accounts_status_idx" ON "accounts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_external_reference_key" ON "customers" USING btree ("external_reference");--> statement-breakpoint
CREATE INDEX "ip_accesses_customer_idx" ON "ip_accesses" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "legal_holds_customer_idx" ON "legal_holds" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "legal_holds_account_idx" ON "legal_holds" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "parties_customer_idx" ON "parties" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parties_one_customer_role" ON "parties" USING btree ("customer_id") WHERE "parties"."role" = 'customer';--> statement-breakpoint
CREATE INDEX "personal_data_reads_customer_idx" ON "personal_data_reads" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "verification_attempts_customer_idx" ON "verification_attempts" USING btree ("customer_id","performed_at");--> statement-breakpoint
CREATE INDEX "verification_discrepancies_attempt_idx" ON "verification_discrepancies" USING btree ("attempt_id");