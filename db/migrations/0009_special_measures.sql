CREATE TABLE "special_measure_extensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
	"federal_register_citation" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"new_end_date" date,
	"expires_at" timestamp with time zone NOT NULL,
	"expiry_date" date NOT NULL,
	"explanation" jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_measure_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"measure_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"status" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"target_type" text NOT NULL,
	"jurisdiction" text,
	"designated_person" jsonb,
	"target_key" text NOT NULL,
	"kind" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"federal_register_citation" text NOT NULL,
	"expires_on" date,
	"rule_set_id" text NOT NULL,
	"time_zone" text NOT NULL,
	"implementation_due_at" timestamp with time zone NOT NULL,
	"implementation_date" date NOT NULL,
	"implementation_explanation" jsonb NOT NULL,
	"initial_expires_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"expiry_date" date NOT NULL,
	"expiry_explanation" jsonb NOT NULL,
	"revoked_at" timestamp with time zone,
	"revocation_citation" text,
	"revocation_reason" text,
	"revoked_by" text,
	"status" text DEFAULT 'issued' NOT NULL,
	"case_id" uuid NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "special_measures_target_type_check" CHECK ("special_measures"."target_type" in ('jurisdiction', 'designated-person')),
	CONSTRAINT "special_measures_target_check" CHECK (("special_measures"."target_type" = 'jurisdiction' and "special_measures"."jurisdiction" ~ '^[A-Z]{2}$' and "special_measures"."designated_person" is null) or ("special_measures"."target_type" = 'designated-person' and "special_measures"."jurisdiction" is null and "special_measures"."designated_person" is not null)),
	CONSTRAINT "special_measures_kind_check" CHECK ("special_measures"."kind" in ('prohibition', 'conditions')),
	CONSTRAINT "special_measures_conditions_check" CHECK ("special_measures"."kind" <> 'conditions' or jsonb_array_length("special_measures"."conditions") > 0),
	CONSTRAINT "special_measures_status_check" CHECK ("special_measures"."status" in ('issued', 'phase-in', 'in-force', 'expired', 'revoked')),
	CONSTRAINT "special_measures_expiry_check" CHECK ("special_measures"."expires_at" > "special_measures"."issued_at" and ("special_measures"."revoked_at" is null or "special_measures"."revoked_at" >= "special_measures"."issued_at"))
);
--> statement-breakpoint
ALTER TABLE "special_measure_extensions" ADD CONSTRAINT "special_measure_extensions_measure_id_special_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."special_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_measure_status_history" ADD CONSTRAINT "special_measure_status_history_measure_id_special_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."special_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "special_measure_extensions_citation_key" ON "special_measure_extensions" USING btree ("measure_id","federal_register_citation");--> statement-breakpoint
CREATE UNIQUE INDEX "special_measure_status_history_key" ON "special_measure_status_history" USING btree ("measure_id","event_key");--> statement-breakpoint
CREATE INDEX "special_measure_status_history_measure_idx" ON "special_measure_status_history" USING btree ("measure_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "special_measures_citation_target_key" ON "special_measures" USING btree ("federal_register_citation","target_key");--> statement-breakpoint
CREATE INDEX "special_measures_issued_at_id_idx" ON "special_measures" USING btree ("issued_at","id");--> statement-breakpoint
CREATE INDEX "special_measures_jurisdiction_idx" ON "special_measures" USING btree ("jurisdiction");