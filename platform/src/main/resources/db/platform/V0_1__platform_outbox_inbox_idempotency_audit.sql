-- Platform tables every service shares by code, each in its own database.
-- Services list "db/platform" in quarkus.flyway.locations; service migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
CREATE TABLE outbox (
    seq           BIGSERIAL PRIMARY KEY,
    id            UUID        NOT NULL UNIQUE,          -- the CloudEvents ce_id
    topic         TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    aggregate_id  TEXT        NOT NULL,                 -- Kafka record key
    subject       TEXT,
    payload       TEXT        NOT NULL,                 -- the event data as JSON
    traceparent   TEXT,                                 -- W3C trace context of the writing transaction
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    attempts      INT         NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_created_at ON outbox (created_at);

-- Inbox: ids of consumed events, written in the same transaction as their effect.
CREATE TABLE inbox (
    event_id     UUID        PRIMARY KEY,
    event_type   TEXT        NOT NULL,
    topic        TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotency-Key: first response per (scope, key), replayed for repeats.
CREATE TABLE idempotency_key (
    scope          TEXT        NOT NULL,
    idem_key       TEXT        NOT NULL,
    request_hash   TEXT        NOT NULL,
    status         INT,
    response_body  TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key)
);

-- Audit trail: append-only.
CREATE TABLE audit_log (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    service      TEXT        NOT NULL,
    actor        TEXT        NOT NULL,
    actor_org    TEXT,
    action       TEXT        NOT NULL,
    entity_type  TEXT        NOT NULL,
    entity_id    TEXT,
    org_code     TEXT,
    detail       TEXT,
    trace_id     TEXT
);
CREATE INDEX audit_log_org_at ON audit_log (org_code, at);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at);

CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
