-- The org registry: a tree of dotted codes; a child's code is its parent's code plus one segment.
CREATE TABLE org_unit (
    code        varchar(64)  PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(\.[a-z0-9]+)*$'),
    name        varchar(200) NOT NULL,
    parent_code varchar(64)  REFERENCES org_unit (code),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK ((parent_code IS NULL AND position('.' IN code) = 0)
        OR (parent_code IS NOT NULL AND code LIKE parent_code || '.%'
            AND position('.' IN substr(code, length(parent_code) + 2)) = 0))
);

INSERT INTO org_unit (code, name, parent_code) VALUES
    ('ld',     '娄底市总工会',   NULL),
    ('ld.lx',  '娄星区总工会',   'ld'),
    ('ld.lsj', '冷水江市总工会', 'ld'),
    ('ld.ly',  '涟源市总工会',   'ld'),
    ('ld.sf',  '双峰县总工会',   'ld'),
    ('ld.xh',  '新化县总工会',   'ld');

CREATE TABLE account (
    id              uuid         PRIMARY KEY,
    username        varchar(64)  NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    password_hash   varchar(100) NOT NULL,
    org_code        varchar(64)  NOT NULL REFERENCES org_unit (code),
    roles           text[]       NOT NULL,
    volunteer_id    uuid,
    enabled         boolean      NOT NULL DEFAULT true,
    failed_attempts integer      NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    version         bigint       NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_username_key ON account (username);
CREATE INDEX account_org_code_idx ON account (org_code);

-- Opaque refresh tokens, stored only as SHA-256; one family per login, every refresh adds a member and uses the old one.
CREATE TABLE refresh_token (
    id          uuid        PRIMARY KEY,
    family_id   uuid        NOT NULL,
    account_id  uuid        NOT NULL REFERENCES account (id),
    token_hash  char(64)    NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_account_idx ON refresh_token (account_id);

-- Every login attempt: the per-client throttle counts recent failures here, so it holds across restarts and replicas.
CREATE TABLE login_attempt (
    id           bigserial   PRIMARY KEY,
    client_ip    varchar(64) NOT NULL,
    username     varchar(64),
    succeeded    boolean     NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_client_idx ON login_attempt (client_ip, attempted_at);
