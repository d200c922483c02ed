-- Stored previews expire within the hour and cannot be carried over to the compressed column:
-- they are dropped (an open preview asks to be run again; run history is untouched).
DELETE FROM "sync_plans";--> statement-breakpoint
ALTER TABLE "sync_plans" ALTER COLUMN "snapshot" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_plans" ADD COLUMN "snapshot_gz" "bytea" NOT NULL;