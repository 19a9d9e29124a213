CREATE TABLE "case_starts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"workflow_type" text NOT NULL,
	"workflow_id" text NOT NULL,
	"task_queue" text NOT NULL,
	"args" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_starts" ADD CONSTRAINT "case_starts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_starts_created_at_idx" ON "case_starts" USING btree ("created_at");