CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"content_type" text NOT NULL,
	"filename" text,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "authority_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reseller_id" uuid NOT NULL,
	"case_id" uuid,
	"recipient" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"summary" text NOT NULL,
	"reference" text,
	"document_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cip_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"reseller_id" uuid,
	"version" integer NOT NULL,
	"label" text,
	"document_id" uuid NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cip_documents_owner_version_key" UNIQUE NULLS NOT DISTINCT("owner_type","reseller_id","version"),
	CONSTRAINT "cip_documents_owner_check" CHECK (("cip_documents"."owner_type" = 'provider') = ("cip_documents"."reseller_id" is null))
);
--> statement-breakpoint
CREATE TABLE "reseller_accounts" (
	"reseller_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" text NOT NULL,
	CONSTRAINT "reseller_accounts_reseller_id_account_id_pk" PRIMARY KEY("reseller_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "reseller_issue_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"issue_id" uuid NOT NULL,
	"reseller_id" uuid NOT NULL,
	"answer" text NOT NULL,
	"claims_cured" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"document_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reseller_issues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reseller_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"description" text NOT NULL,
	"identified_at" timestamp with time zone NOT NULL,
	"cure_by" timestamp with time zone NOT NULL,
	"identified_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reseller_noncompliance_evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reseller_id" uuid NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"document_id" uuid,
	"case_id" uuid,
	"case_workflow_id" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resellers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"status_changed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resellers_status_check" CHECK ("resellers"."status" in ('active', 'under-review', 'terminating', 'terminated', 'reinstated')),
	CONSTRAINT "resellers_jurisdiction_check" CHECK ("resellers"."jurisdiction" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "authority_reports" ADD CONSTRAINT "authority_reports_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authority_reports" ADD CONSTRAINT "authority_reports_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cip_documents" ADD CONSTRAINT "cip_documents_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cip_documents" ADD CONSTRAINT "cip_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_accounts" ADD CONSTRAINT "reseller_accounts_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_accounts" ADD CONSTRAINT "reseller_accounts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_issue_answers" ADD CONSTRAINT "reseller_issue_answers_issue_id_reseller_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."reseller_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_issue_answers" ADD CONSTRAINT "reseller_issue_answers_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_issue_answers" ADD CONSTRAINT "reseller_issue_answers_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_issues" ADD CONSTRAINT "reseller_issues_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_noncompliance_evidence" ADD CONSTRAINT "reseller_noncompliance_evidence_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_noncompliance_evidence" ADD CONSTRAINT "reseller_noncompliance_evidence_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_sha256_idx" ON "documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "authority_reports_reseller_idx" ON "authority_reports" USING btree ("reseller_id","sent_at");--> statement-breakpoint
CREATE INDEX "reseller_accounts_account_idx" ON "reseller_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "reseller_issue_answers_issue_idx" ON "reseller_issue_answers" USING btree ("issue_id","received_at");--> statement-breakpoint
CREATE INDEX "reseller_issues_reseller_idx" ON "reseller_issues" USING btree ("reseller_id","identified_at");--> statement-breakpoint
CREATE INDEX "reseller_evidence_reseller_idx" ON "reseller_noncompliance_evidence" USING btree ("reseller_id","recorded_at");--> statement-breakpoint
CREATE INDEX "resellers_list_order_idx" ON "resellers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "resellers_status_idx" ON "resellers" USING btree ("status");