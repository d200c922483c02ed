-- Issue 19 / decision 0008: a connector's settings live in one sealed JSON column, settings_enc.
-- Sealing needs SECRET_KEY, which SQL does not have: this migration adds the columns and makes the
-- legacy WeCom ones nullable; the start then seals each row whose settings_enc is null from them
-- and clears them (modules/third-app-config/third-app-config.legacy.ts). A later migration drops them.
-- account_key is the connector's accountKey(settings): for WeCom, the only provider so far, the CorpID.
ALTER TABLE "third_app_configs" ADD COLUMN "settings_enc" text;--> statement-breakpoint
ALTER TABLE "third_app_configs" ADD COLUMN "account_key" text;--> statement-breakpoint
UPDATE "third_app_configs" SET "account_key" = "client_id";--> statement-breakpoint
ALTER TABLE "third_app_configs" ALTER COLUMN "account_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "third_app_configs" DROP CONSTRAINT "third_app_configs_client_id_uq";--> statement-breakpoint
ALTER TABLE "third_app_configs" ADD CONSTRAINT "third_app_configs_account_key_uq" UNIQUE("third_type","account_key");--> statement-breakpoint
ALTER TABLE "third_app_configs" ALTER COLUMN "agent_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "third_app_configs" ALTER COLUMN "client_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "third_app_configs" ALTER COLUMN "client_secret_enc" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "third_app_configs" ALTER COLUMN "callback_token_enc" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "third_app_configs" ALTER COLUMN "encoding_aes_key_enc" DROP NOT NULL;
