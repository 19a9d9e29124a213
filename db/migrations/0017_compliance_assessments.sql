CREATE TABLE "assessment_deficiencies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"description" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_evidence" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"label" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assessment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"evidence" text,
	"evidence_document_id" uuid,
	"not_implemented_reason" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_recommendations_status_check" CHECK ("assessment_recommendations"."status" in ('open', 'implemented', 'not-implemented')),
	CONSTRAINT "assessment_recommendations_outcome_check" CHECK (("assessment_recommendations"."status" = 'open') or ("assessment_recommendations"."status" = 'implemented' and "assessment_recommendations"."evidence" is not null) or ("assessment_recommendations"."status" = 'not-implemented' and "assessment_recommendations"."not_implemented_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "compliance_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"commerce_reference" text NOT NULL,
	"reseller_id" uuid,
	"notice_received_at" timestamp with time zone NOT NULL,
	"description" text,
	"status" text DEFAULT 'under-assessment' NOT NULL,
	"findings_received_at" timestamp with time zone,
	"remediation_due_at" timestamp with time zone,
	"remediation_breached_at" timestamp with time zone,
	"resubmitted_cip_version" integer,
	"resubmitted_document_id" uuid,
	"resubmitted_sha256" text,
	"resubmitted_at" timestamp with time zone,
	"resubmission_reference" text,
	"resubmitted_by" text,
	"closed_at" timestamp with time zone,
	"case_id" uuid NOT NULL,
	"rule_set_id" text NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "compliance_assessments_kind_check" CHECK ("compliance_assessments"."kind" in ('assessment', 'audit', 'transaction-review')),
	CONSTRAINT "compliance_assessments_status_check" CHECK ("compliance_assessments"."status" in ('under-assessment', 'remediating', 'remediation-overdue', 'remediated', 'closed-without-findings'))
);
--> statement-breakpoint
ALTER TABLE "assessment_deficiencies" ADD CONSTRAINT "assessment_deficiencies_assessment_id_compliance_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."compliance_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_assessment_id_compliance_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."compliance_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_recommendations" ADD CONSTRAINT "assessment_recommendations_assessment_id_compliance_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."compliance_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_recommendations" ADD CONSTRAINT "assessment_recommendations_evidence_document_id_documents_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_assessments" ADD CONSTRAINT "compliance_assessments_reseller_id_resellers_id_fk" FOREIGN KEY ("reseller_id") REFERENCES "public"."resellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compliance_assessments" ADD CONSTRAINT "compliance_assessments_resubmitted_document_id_documents_id_fk" FOREIGN KEY ("resubmitted_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_deficiencies_assessment_idx" ON "assessment_deficiencies" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_evidence_assessment_idx" ON "assessment_evidence" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "assessment_recommendations_assessment_idx" ON "assessment_recommendations" USING btree ("assessment_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_assessments_reference_key" ON "compliance_assessments" USING btree ("kind","commerce_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_assessments_case_key" ON "compliance_assessments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "compliance_assessments_created_at_id_idx" ON "compliance_assessments" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "compliance_assessments_reseller_idx" ON "compliance_assessments" USING btree ("reseller_id");