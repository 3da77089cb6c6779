-- Honors: award catalog, campaigns with quotas, nominations and scores, public-notice objections, honors,
-- the volunteer-hours projection and the objection throttle.

CREATE TABLE award (
    code                 TEXT        PRIMARY KEY CHECK (code ~ '^[a-z0-9-]{1,64}$'),
    name                 TEXT        NOT NULL,
    name_en              TEXT        NOT NULL,
    recipient_kind       TEXT        NOT NULL CHECK (recipient_kind IN ('INDIVIDUAL', 'COLLECTIVE', 'POST')),
    level                TEXT        NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY')),
    model_worker         BOOLEAN     NOT NULL DEFAULT false,
    min_volunteer_hours  INT         CHECK (min_volunteer_hours > 0),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO award (code, name, name_en, recipient_kind, level, model_worker, min_volunteer_hours) VALUES
    ('may-day-pioneer-collective', '五一先锋集体', 'May Day Pioneer Collective', 'COLLECTIVE', 'MUNICIPAL', false, NULL),
    ('may-day-pioneer-post',       '五一先锋岗',   'May Day Pioneer Post',       'POST',       'MUNICIPAL', false, NULL),
    ('furong-model-post',          '芙蓉标兵岗',   'Furong Model Post',          'POST',       'PROVINCIAL', false, NULL),
    ('may-day-model',              '五一标兵',     'May Day Model',              'INDIVIDUAL', 'MUNICIPAL', false, NULL),
    ('furong-star',                '芙蓉百岗明星', 'Furong Hundred-Post Star',   'INDIVIDUAL', 'PROVINCIAL', false, NULL),
    ('hunan-craftsman',            '湖南工匠',     'Hunan Craftsman',            'INDIVIDUAL', 'PROVINCIAL', false, NULL),
    ('loudi-craftsman',            '娄底工匠',     'Loudi Craftsman',            'INDIVIDUAL', 'MUNICIPAL', false, NULL),
    ('model-worker-national',      '全国劳动模范', 'National Model Worker',      'INDIVIDUAL', 'NATIONAL', true, NULL),
    ('model-worker-provincial',    '湖南省劳动模范', 'Hunan Provincial Model Worker', 'INDIVIDUAL', 'PROVINCIAL', true, NULL),
    ('model-worker-municipal',     '娄底市劳动模范', 'Loudi Municipal Model Worker',  'INDIVIDUAL', 'MUNICIPAL', true, NULL),
    ('outstanding-volunteer',      '优秀志愿者',   'Outstanding Volunteer',      'INDIVIDUAL', 'MUNICIPAL', false, 40);

CREATE TABLE campaign (
    id                 UUID        PRIMARY KEY,
    award_code         TEXT        NOT NULL REFERENCES award (code),
    year               INT         NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    org_code           TEXT        NOT NULL,
    quota              INT         NOT NULL CHECK (quota > 0),
    nomination_opens   DATE        NOT NULL,
    nomination_closes  DATE        NOT NULL,
    notice_days        INT         NOT NULL CHECK (notice_days > 0),
    shortlisted_at     TIMESTAMPTZ,
    created_by         TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    version            BIGINT      NOT NULL DEFAULT 0,
    CHECK (nomination_closes >= nomination_opens),
    UNIQUE (award_code, year, org_code)
);

-- A county's nominations count against its own quota; the sum stays within the campaign's total (checked on create).
CREATE TABLE campaign_org_quota (
    campaign_id  UUID NOT NULL REFERENCES campaign (id),
    org_code     TEXT NOT NULL,
    quota        INT  NOT NULL CHECK (quota >= 0),
    PRIMARY KEY (campaign_id, org_code)
);

CREATE TABLE nomination (
    id                UUID        PRIMARY KEY,
    campaign_id       UUID        NOT NULL REFERENCES campaign (id),
    status            TEXT        NOT NULL,
    nominee_kind      TEXT        NOT NULL,
    nominee_name      TEXT        NOT NULL,
    person_ref        TEXT,
    id_number_masked  TEXT,
    unit_name         TEXT        NOT NULL,
    org_code          TEXT        NOT NULL,
    -- personRef for individuals, org + normalised name for collectives and posts: one live nomination per campaign
    nominee_key       TEXT        NOT NULL,
    justification     TEXT        NOT NULL,
    created_by        TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    submitted_at      TIMESTAMPTZ,
    notice_ends_on    DATE,
    decided_at        TIMESTAMPTZ,
    decision_reason   TEXT,
    honor_id          UUID,
    version           BIGINT      NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX nomination_one_live_per_nominee ON nomination (campaign_id, nominee_key)
    WHERE status NOT IN ('WITHDRAWN', 'REJECTED', 'NOT_SELECTED');
CREATE INDEX nomination_campaign_status ON nomination (campaign_id, status);
CREATE INDEX nomination_org ON nomination (org_code);

CREATE TABLE nomination_score (
    nomination_id  UUID        NOT NULL REFERENCES nomination (id),
    reviewer       TEXT        NOT NULL,
    reviewer_org   TEXT        NOT NULL,
    score          INT         NOT NULL CHECK (score BETWEEN 0 AND 100),
    comment        TEXT,
    scored_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (nomination_id, reviewer)
);

CREATE TABLE objection (
    id             UUID        PRIMARY KEY,
    nomination_id  UUID        NOT NULL REFERENCES nomination (id),
    reason         TEXT        NOT NULL,
    contact        TEXT,
    ip_hash        TEXT        NOT NULL,          -- SHA-256 of the client address with a secret pepper, never the address
    status         TEXT        NOT NULL,
    lodged_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at    TIMESTAMPTZ,
    resolved_by    TEXT,
    note           TEXT,
    version        BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX objection_nomination ON objection (nomination_id, status);

-- Fixed-window counter per hashed client address for the public objection endpoint.
CREATE TABLE objection_throttle (
    ip_hash       TEXT        NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    hits          INT         NOT NULL,
    PRIMARY KEY (ip_hash, window_start)
);

CREATE TABLE honor (
    id                UUID        PRIMARY KEY,
    award_code        TEXT        NOT NULL REFERENCES award (code),
    year              INT         NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    recipient_kind    TEXT        NOT NULL,
    name              TEXT        NOT NULL,
    person_ref        TEXT,
    id_number_masked  TEXT,
    unit_name         TEXT        NOT NULL,
    org_code          TEXT        NOT NULL,
    certificate_no    TEXT        NOT NULL UNIQUE,
    source            TEXT        NOT NULL CHECK (source IN ('NOMINATION', 'IMPORT')),
    nomination_id     UUID        REFERENCES nomination (id),
    conferred_at      TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ,
    revoke_reason     TEXT,
    version           BIGINT      NOT NULL DEFAULT 0
);
-- An individual cannot hold the same award twice in one year.
CREATE UNIQUE INDEX honor_once_per_person_award_year ON honor (award_code, year, person_ref)
    WHERE person_ref IS NOT NULL AND revoked_at IS NULL;
CREATE INDEX honor_year_award ON honor (year, award_code);
CREATE INDEX honor_org ON honor (org_code);

-- HON-<year>-<seq>: sequence numbers per year, allocated in blocks for imports.
CREATE TABLE certificate_counter (
    year  INT    PRIMARY KEY,
    last  BIGINT NOT NULL
);

-- Projection of gonghui.volunteer.hours-logged.v1: minutes per person and year.
CREATE TABLE volunteer_hours (
    person_ref  TEXT        NOT NULL,
    year        INT         NOT NULL,
    minutes     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (person_ref, year)
);
