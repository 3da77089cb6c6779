-- welfare-service schema: hardship case files, program catalog, funds with an append-only ledger, applications,
-- enrolments, the model-worker registry and the volunteer activities seen on the event bus.

-- Hardship case files. Resident ID numbers are never stored: only personRef (HMAC) and the masked form.
CREATE TABLE hardship_case (
    id                  UUID PRIMARY KEY,
    kind                TEXT        NOT NULL CHECK (kind IN ('WORKER', 'HOUSEHOLD', 'ENTERPRISE')),
    name                TEXT        NOT NULL,
    person_ref          TEXT        CHECK (person_ref ~ '^[0-9a-f]{64}$'),
    id_number_masked    TEXT,
    credit_code         TEXT,
    org_code            TEXT        NOT NULL,
    hardships           TEXT        NOT NULL,
    household_size      INT         CHECK (household_size > 0),
    monthly_income_fen  BIGINT      CHECK (monthly_income_fen >= 0),
    notes               TEXT,
    status              TEXT        NOT NULL CHECK (status IN ('OPEN', 'VERIFIED', 'CLOSED')),
    created_by          TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    verified_by         TEXT,
    verified_at         TIMESTAMPTZ,
    closed_by           TEXT,
    closed_at           TIMESTAMPTZ,
    close_reason        TEXT,
    version             BIGINT      NOT NULL DEFAULT 0,
    CHECK ((kind = 'ENTERPRISE') = (credit_code IS NOT NULL)),
    CHECK ((kind = 'ENTERPRISE') = (person_ref IS NULL))
);
-- one live file per person / enterprise; a closed file does not block a new one
CREATE UNIQUE INDEX hardship_case_live_person ON hardship_case (person_ref) WHERE person_ref IS NOT NULL AND status <> 'CLOSED';
CREATE UNIQUE INDEX hardship_case_live_enterprise ON hardship_case (credit_code) WHERE credit_code IS NOT NULL AND status <> 'CLOSED';
CREATE INDEX hardship_case_org ON hardship_case (org_code);

CREATE TABLE hardship_case_history (
    id          BIGSERIAL PRIMARY KEY,
    case_id     UUID        NOT NULL REFERENCES hardship_case (id),
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    detail      TEXT
);
CREATE INDEX hardship_case_history_case ON hardship_case_history (case_id, id);
CREATE TRIGGER hardship_case_history_append_only BEFORE UPDATE OR DELETE ON hardship_case_history
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();

-- Program catalog (seeded below; the codes are part of the API contract).
CREATE TABLE program (
    code                     TEXT PRIMARY KEY,
    name                     TEXT    NOT NULL,
    name_en                  TEXT    NOT NULL,
    kind                     TEXT    NOT NULL CHECK (kind IN ('GRANT', 'ENROLMENT')),
    max_per_year_fen         BIGINT  CHECK (max_per_year_fen > 0),
    max_times_per_year       INT     CHECK (max_times_per_year > 0),
    requires_model_worker    BOOLEAN NOT NULL DEFAULT false,
    model_worker_levels      TEXT,            -- comma list of registry levels that qualify
    case_kinds               TEXT,            -- comma list of case kinds that qualify (grants paid to a case)
    two_approvals_above_fen  BIGINT  CHECK (two_approvals_above_fen >= 0)
);

INSERT INTO program VALUES
 ('condolence-visit',               '送温暖慰问',         'Condolence visit',                     'GRANT', 1000000, 2,    false, NULL, 'WORKER,HOUSEHOLD,ENTERPRISE', 500000),
 ('student-aid',                    '金秋助学',           'Student aid (Golden Autumn)',          'GRANT', 500000,  1,    false, NULL, 'WORKER,HOUSEHOLD', 300000),
 ('model-worker-condolence',        '劳模慰问',           'Model-worker condolence',              'GRANT', 300000,  1,    true, 'NATIONAL,PROVINCIAL,MUNICIPAL', NULL, 200000),
 ('model-worker-living-subsidy',    '劳模生活补助',       'Model-worker living subsidy',          'GRANT', 2400000, 12,   true, 'NATIONAL,PROVINCIAL', NULL, 1000000),
 ('model-worker-special-hardship',  '劳模特困帮扶',       'Model-worker special hardship aid',    'GRANT', 1000000, 2,    true, 'NATIONAL,PROVINCIAL,MUNICIPAL', NULL, 500000),
 ('train-ticket',                   '温暖回家路',         'Train ticket home (Warm Road Home)',   'GRANT', 200000,  2,    false, NULL, 'WORKER,HOUSEHOLD', 100000),
 ('community-aid',                  '社区帮扶',           'Community aid',                        'GRANT', 2000000, NULL, false, NULL, 'WORKER,HOUSEHOLD,ENTERPRISE', 500000),
 ('medical-mutual-aid',             '职工住院医疗互助',   'Hospital mutual aid',                  'ENROLMENT', NULL, 1, false, NULL, NULL, NULL),
 ('female-special-disease',         '女职工特殊疾病互助', 'Female workers'' special-disease cover', 'ENROLMENT', NULL, 1, false, NULL, NULL, NULL),
 ('job-training',                   '免费职业培训',       'Free job training',                    'ENROLMENT', NULL, 1, false, NULL, NULL, NULL);

-- Funds: the running totals live on the row; the CHECK is the last line of defence against overspending.
CREATE TABLE fund (
    id             UUID PRIMARY KEY,
    code           TEXT        NOT NULL CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name           TEXT        NOT NULL,
    year           INT         NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    org_code       TEXT        NOT NULL,
    budget_fen     BIGINT      NOT NULL CHECK (budget_fen >= 0),
    committed_fen  BIGINT      NOT NULL DEFAULT 0 CHECK (committed_fen >= 0),
    paid_fen       BIGINT      NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT fund_not_overspent CHECK (budget_fen - committed_fen - paid_fen >= 0),
    UNIQUE (code, year)
);
CREATE INDEX fund_org ON fund (org_code, year);

-- Append-only ledger. Every change of a fund total is one entry in the same transaction:
--   BUDGET  (signed)  budget_fen    += amount          account 'budget'    -> 'available'
--   COMMIT  (> 0)     committed_fen += amount          'available'         -> 'committed'
--   RELEASE (> 0)     committed_fen -= amount          'committed'         -> 'available'
--   PAYOUT  (> 0)     committed_fen -= amount, paid_fen += amount  'committed' -> 'beneficiary:<ref>'
CREATE TABLE ledger_entry (
    id              BIGSERIAL PRIMARY KEY,
    fund_id         UUID        NOT NULL REFERENCES fund (id),
    kind            TEXT        NOT NULL CHECK (kind IN ('BUDGET', 'COMMIT', 'RELEASE', 'PAYOUT')),
    amount_fen      BIGINT      NOT NULL CHECK (amount_fen <> 0 AND (kind = 'BUDGET' OR amount_fen > 0)),
    debit_account   TEXT        NOT NULL,
    credit_account  TEXT        NOT NULL,
    application_id  UUID,
    actor           TEXT        NOT NULL,
    note            TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((kind = 'BUDGET') = (application_id IS NULL))
);
CREATE INDEX ledger_entry_fund ON ledger_entry (fund_id, id);
-- one payout per application, whatever happens above
CREATE UNIQUE INDEX ledger_entry_one_payout ON ledger_entry (application_id) WHERE kind = 'PAYOUT';
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();

-- Model-worker registry, fed by honors events (one entry per conferred honor).
CREATE TABLE model_worker (
    id            UUID PRIMARY KEY,
    honor_id      UUID        NOT NULL UNIQUE,
    person_ref    TEXT        NOT NULL CHECK (person_ref ~ '^[0-9a-f]{64}$'),
    name          TEXT        NOT NULL,
    level         TEXT        NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
    award_code    TEXT        NOT NULL,
    since_year    INT         NOT NULL,
    org_code      TEXT        NOT NULL,
    unit_name     TEXT,
    conferred_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoke_reason TEXT
);
CREATE INDEX model_worker_person ON model_worker (person_ref);
CREATE INDEX model_worker_org ON model_worker (org_code);

-- Volunteer activities seen on the bus, so an application's activityId can be checked.
CREATE TABLE volunteer_activity (
    activity_id   UUID PRIMARY KEY,
    title         TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    org_code      TEXT        NOT NULL,
    starts_at     TIMESTAMPTZ,
    ends_at       TIMESTAMPTZ,
    attendees     INT,
    completed_at  TIMESTAMPTZ
);

CREATE TABLE application (
    id                  UUID PRIMARY KEY,
    program_code        TEXT        NOT NULL REFERENCES program (code),
    fund_id             UUID        NOT NULL REFERENCES fund (id),
    case_id             UUID        REFERENCES hardship_case (id),
    model_worker_id     UUID        REFERENCES model_worker (id),
    model_worker_level  TEXT,
    person_ref          TEXT,
    beneficiary_key     TEXT        NOT NULL,
    beneficiary_name    TEXT        NOT NULL,
    beneficiary_kind    TEXT        NOT NULL,
    amount_fen          BIGINT      NOT NULL CHECK (amount_fen > 0),
    quantity            INT         NOT NULL DEFAULT 1 CHECK (quantity > 0),
    activity_id         UUID,
    details             TEXT,
    org_code            TEXT        NOT NULL,
    year                INT         NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('SUBMITTED', 'APPROVED', 'PAID', 'REJECTED', 'CANCELLED', 'BLOCKED')),
    created_by          TEXT        NOT NULL,
    creator_sub         TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    first_approver      TEXT,
    first_approver_sub  TEXT,
    first_approved_at   TIMESTAMPTZ,
    approver            TEXT,
    approver_sub        TEXT,
    approved_at         TIMESTAMPTZ,
    rejected_by         TEXT,
    rejected_at         TIMESTAMPTZ,
    reason              TEXT,
    cancelled_by        TEXT,
    cancelled_at        TIMESTAMPTZ,
    blocked_at          TIMESTAMPTZ,
    paid_by             TEXT,
    paid_at             TIMESTAMPTZ,
    version             BIGINT      NOT NULL DEFAULT 0,
    -- four-eyes, enforced by the database too
    CHECK (first_approver_sub IS NULL OR first_approver_sub <> creator_sub),
    CHECK (approver_sub IS NULL OR approver_sub <> creator_sub),
    CHECK (first_approver_sub IS NULL OR approver_sub IS NULL OR approver_sub <> first_approver_sub)
);
CREATE INDEX application_beneficiary ON application (beneficiary_key, program_code, year);
CREATE INDEX application_org ON application (org_code, year, status);
CREATE INDEX application_person ON application (person_ref) WHERE person_ref IS NOT NULL;

-- no foreign key to program: the importer checks the code once per file, a per-row RI check would double the cost
-- of a 110,000-row import
CREATE TABLE enrolment (
    id                UUID PRIMARY KEY,
    program_code      TEXT        NOT NULL,
    year              INT         NOT NULL,
    person_ref        TEXT        NOT NULL,
    id_number_masked  TEXT        NOT NULL,
    name              TEXT        NOT NULL,
    org_code          TEXT        NOT NULL,
    unit_name         TEXT,
    created_by        TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX enrolment_one_per_person ON enrolment (program_code, year, person_ref);
CREATE INDEX enrolment_org ON enrolment (program_code, year, org_code);
