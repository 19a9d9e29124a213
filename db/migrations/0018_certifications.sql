CREATE TABLE "cip_certification_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"certification_kind" text NOT NULL,
	"period" integer,
	"content" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"missing_parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assembled_version_id" uuid,
	"attested_by" text,
	"attested_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text NOT NULL,
	CONSTRAINT "cip_certification_versions_case_version_key" UNIQUE("case_id","version"),
	CONSTRAINT "cip_certification_versions_kind_check" CHECK ("cip_certification_versions"."kind" in ('assembled', 'filed')),
	CONSTRAINT "cip_certification_versions_certification_kind_check" CHECK ("cip_certification_versions"."certification_kind" in ('initial', 'annual')),
	CONSTRAINT "cip_certification_versions_filed_check" CHECK ("cip_certification_versions"."kind" <> 'filed' or ("cip_certification_versions"."attested_by" is not null and "cip_certification_versions"."reviewed_by" is not null and "cip_certification_versions"."attested_by" <> "cip_certification_versions"."reviewed_by"))
);
--> statement-breakpoint
CREATE TABLE "provider_settings" (
	"provider_id" text PRIMARY KEY NOT NULL,
	"certification_anniversary" text,
	"program_started_at" timestamp with time zone,
	"cip_contact" jsonb,
	"cip_procedures" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
