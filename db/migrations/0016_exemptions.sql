CREATE TABLE "exemption_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"exemption_id" uuid NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	"reference" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_reference" text NOT NULL,
	"scope" text NOT NULL,
	"account_type" text,
	"customer_id" uuid,
	"reseller_id" uuid,
	"program_document_id" uuid NOT NULL,
	"summary" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"commerce_reference" text,
	"decided_at" timestamp with time zone,
	"decision_recorded_by" text,
	"decision_approved_by" text,
	"decision_reason" text,
	"last_notified_at" timestamp with time zone,
	"notification_due_at" timestamp with time zone,
	"notification_breached_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"revocation_reason" text,
	"case_id" uuid NOT NULL,
	"rule_set_id" text NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "exemptions_scope_check" CHECK ("exemptions"."scope" in ('provider', 'account-type', 'lessee', 'foreign-reseller')),
	CONSTRAINT "exemptions_status_check" CHECK ("exemptions"."status" in ('applied', 'granted', 'denied', 'withdrawn', 'revoked')),
	CONSTRAINT "exemptions_subject_check" CHECK (("exemptions"."scope" = 'provider' and "exemptions"."account_type" is null and "exemptions"."customer_id" is null and "exemptions"."reseller_id" is null)
        or ("exemptions"."scope" = 'account-type' and "exemptions"."account_type" is not null and "exemptions"."customer_id" is null and "exemptions"."reseller_id" is null)
        or ("exemptions"."scope" = 'lessee' and "exemptions"."account_type" is null and "exemptions"."customer_id" is not null and "exemptions"."reseller_id" is null)
        or ("exemptions"."scope" = 'foreign-reseller' and "exemptions"."account_type" is null and "exemptions"."customer_id" is null and "exemptions"."reseller_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "exemption_notifications" ADD CONSTRAINT "exemption_notifications_exemption_id_exemptions_id_fk" FOREIGN KEY ("exemption_id") REFERENCES "public"."exemptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemptions" ADD CONSTRAINT "exemptions_program_document_id_documents_id_fk" FOREIGN KEY ("program_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exemption_notifications_exemption_idx" ON "exemption_notifications" USING btree ("exemption_id","notified_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exemptions_application_reference_key" ON "exemptions" USING btree ("application_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "exemptions_case_key" ON "exemptions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "exemptions_created_at_id_idx" ON "exemptions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "exemptions_reseller_idx" ON "exemptions" USING btree ("reseller_id");--> statement-breakpoint
CREATE INDEX "exemptions_customer_idx" ON "exemptions" USING btree ("customer_id");