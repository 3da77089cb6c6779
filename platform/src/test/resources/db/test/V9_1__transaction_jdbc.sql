-- one column of each type TransactionJdbc binds, all nullable: the test writes values and typed nulls
CREATE TABLE test_jdbc_types (
    label     TEXT PRIMARY KEY,
    uuid_col  UUID,
    text_col  TEXT,
    int_col   INT,
    long_col  BIGINT,
    time_col  TIMESTAMPTZ,
    json_col  JSONB
);
