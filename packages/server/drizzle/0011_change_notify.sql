-- Processes sharing one PostgreSQL keep the request path's reads (sessions and their users,
-- tenant memberships, WeCom configs) in memory until one of these tables changes
-- (src/db/change-clock-pg.ts). Every statement that writes one tells them, once it commits.
CREATE FUNCTION "orgbridge_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('orgbridge_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "sessions_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sessions" FOR EACH STATEMENT EXECUTE FUNCTION "orgbridge_notify_change"();--> statement-breakpoint
CREATE TRIGGER "users_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "orgbridge_notify_change"();--> statement-breakpoint
CREATE TRIGGER "memberships_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "memberships" FOR EACH STATEMENT EXECUTE FUNCTION "orgbridge_notify_change"();--> statement-breakpoint
CREATE TRIGGER "tenants_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tenants" FOR EACH STATEMENT EXECUTE FUNCTION "orgbridge_notify_change"();--> statement-breakpoint
CREATE TRIGGER "third_app_configs_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "third_app_configs" FOR EACH STATEMENT EXECUTE FUNCTION "orgbridge_notify_change"();
