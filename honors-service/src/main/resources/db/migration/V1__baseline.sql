-- honors-service baseline. The platform tables (outbox, inbox, idempotency_key, audit_log) come from db/platform.
COMMENT ON SCHEMA public IS 'gonghui honors-service';
