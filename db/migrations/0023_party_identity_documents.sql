CREATE TABLE "party_identity_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"document_type" text NOT NULL,
	"number" text,
	"issuing_country" text,
	"expires_on" date,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"disposed_at" timestamp with time zone,
	CONSTRAINT "party_identity_documents_type_check" CHECK ("party_identity_documents"."document_type" in ('passport', 'national-id-card', 'driving-licence', 'residence-permit', 'commercial-register-extract', 'certificate-of-incorporation', 'other'))
);
--> statement-breakpoint
ALTER TABLE "party_identity_documents" ADD CONSTRAINT "party_identity_documents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_identity_documents" ADD CONSTRAINT "party_identity_documents_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_identity_documents_customer_idx" ON "party_identity_documents" USING btree ("customer_id","recorded_at");