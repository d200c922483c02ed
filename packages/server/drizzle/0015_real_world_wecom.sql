CREATE TABLE "verify_files" (
	"file_name" text PRIMARY KEY NOT NULL,
	"tenant_id" integer NOT NULL,
	"content" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "custom_domain" text;--> statement-breakpoint
ALTER TABLE "third_app_configs" ADD COLUMN "egress_proxy_enc" text;--> statement-breakpoint
ALTER TABLE "third_app_configs" ADD COLUMN "egress_ip" text;--> statement-breakpoint
ALTER TABLE "third_app_configs" ADD COLUMN "egress_ip_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "third_app_configs" ADD COLUMN "trusted_ip_alert" jsonb;--> statement-breakpoint
ALTER TABLE "verify_files" ADD CONSTRAINT "verify_files_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verify_files_tenant_idx" ON "verify_files" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_custom_domain_uq" UNIQUE("custom_domain");