CREATE TABLE test_effect (
    event_id  UUID NOT NULL,
    honor_id  UUID NOT NULL,
    trace_id  TEXT
);
