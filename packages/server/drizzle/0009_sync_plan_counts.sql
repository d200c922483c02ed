-- Stored previews expire within the hour; those made before this change carry no counts and are
-- dropped (an open preview asks to be run again; run history is untouched).
DELETE FROM "sync_plans";--> statement-breakpoint
ALTER TABLE "sync_plans" ALTER COLUMN "plan" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_plans" ADD COLUMN "counts" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_plans" ADD COLUMN "no_ops" boolean NOT NULL;