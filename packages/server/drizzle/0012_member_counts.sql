-- The per-member limit's count for the message journal on PostgreSQL (src/modules/messages/
-- messages.writes.ts). It first takes each tenant's advisory lock (held until the journal's
-- statement commits), then counts: a VOLATILE function's query takes a fresh snapshot, so the
-- count sees every message a concurrent sender committed while this one waited for the lock —
-- lock and count in the one statement, one round trip per round.
CREATE FUNCTION "orgbridge_member_counts"("tenant_ids" integer[], "ext_user_ids" text[], "lock_tenants" integer[])
RETURNS TABLE ("tenant_id" integer, "ext_user_id" text, "per_minute" bigint, "per_hour" bigint)
LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  -- Under REPEATABLE READ or SERIALIZABLE the count below would reuse the snapshot taken before
  -- the lock was granted and miss a concurrent sender's messages: refuse rather than exceed.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'orgbridge_member_counts needs READ COMMITTED, not %',
      current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('messages-throttle:' || l.t, 0))
  FROM (SELECT DISTINCT t FROM unnest(lock_tenants) AS t ORDER BY t) AS l;
  RETURN QUERY
    SELECT k.tenant_id, k.ext_user_id, c.per_minute, c.per_hour
    FROM unnest(tenant_ids, ext_user_ids) AS k(tenant_id, ext_user_id)
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE mr.created_at > now() - interval '1 minute') AS per_minute,
        count(*) AS per_hour
      FROM message_recipients mr
      WHERE mr.tenant_id = k.tenant_id AND mr.ext_user_id = k.ext_user_id
        AND mr.created_at > now() - interval '1 hour' AND mr.outcome IN ('pending', 'delivered')
    ) AS c;
END
$$;
