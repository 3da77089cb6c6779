-- Communities, volunteers, teams, activities (shifts) with sign-ups, credited hours, and what other services told us.

CREATE TABLE community (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL,
    org_code    varchar(64)  NOT NULL,
    address     varchar(500),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    version     bigint       NOT NULL DEFAULT 0
);
CREATE INDEX community_org ON community (org_code);

CREATE TABLE volunteer (
    id                uuid PRIMARY KEY,
    name              varchar(100) NOT NULL,
    phone             varchar(32)  NOT NULL,
    -- the resident ID number itself is never stored: only its HMAC (join key) and masked form
    person_ref        char(64),
    id_number_masked  varchar(18),
    org_code          varchar(64)  NOT NULL,
    skills            text[]       NOT NULL DEFAULT '{}',
    -- the account (token subject) that registered itself, so a volunteer token without a volunteerId claim finds it
    account_subject   varchar(200) UNIQUE,
    calendar_secret   varchar(64)  NOT NULL UNIQUE,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    version           bigint       NOT NULL DEFAULT 0
);
CREATE INDEX volunteer_org ON volunteer (org_code);
CREATE INDEX volunteer_person_ref ON volunteer (person_ref);

CREATE TABLE team (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL,
    leader_id   uuid         NOT NULL REFERENCES volunteer (id),
    org_code    varchar(64)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    version     bigint       NOT NULL DEFAULT 0
);
CREATE INDEX team_org ON team (org_code);

CREATE TABLE team_member (
    team_id       uuid NOT NULL REFERENCES team (id),
    volunteer_id  uuid NOT NULL REFERENCES volunteer (id),
    PRIMARY KEY (team_id, volunteer_id)
);
CREATE INDEX team_member_volunteer ON team_member (volunteer_id);

CREATE TABLE activity (
    id            uuid PRIMARY KEY,
    title         varchar(200) NOT NULL,
    kind          varchar(32)  NOT NULL,
    community_id  uuid         NOT NULL REFERENCES community (id),
    team_id       uuid         REFERENCES team (id),
    starts_at     timestamptz  NOT NULL,
    ends_at       timestamptz  NOT NULL,
    capacity      int          NOT NULL CHECK (capacity > 0),
    org_code      varchar(64)  NOT NULL,
    status        varchar(16)  NOT NULL,
    rotation_id   uuid,
    completed_at  timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    version       bigint       NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at)
);
CREATE INDEX activity_org_start ON activity (org_code, starts_at);
CREATE INDEX activity_team ON activity (team_id);

CREATE TABLE signup (
    id              uuid PRIMARY KEY,
    activity_id     uuid        NOT NULL REFERENCES activity (id),
    volunteer_id    uuid        NOT NULL REFERENCES volunteer (id),
    status          varchar(16) NOT NULL,
    -- arrival order for the FIFO waitlist (timestamps can tie)
    arrival         bigserial   NOT NULL,
    signed_up_at    timestamptz NOT NULL DEFAULT now(),
    checked_in_at   timestamptz,
    checked_out_at  timestamptz,
    cancelled_at    timestamptz
);
CREATE UNIQUE INDEX signup_live_once ON signup (activity_id, volunteer_id) WHERE status <> 'CANCELLED';
CREATE INDEX signup_volunteer ON signup (volunteer_id, status);
CREATE INDEX signup_activity ON signup (activity_id, status, arrival);

CREATE TABLE hours_entry (
    id               uuid PRIMARY KEY,
    activity_id      uuid        NOT NULL REFERENCES activity (id),
    volunteer_id     uuid        NOT NULL REFERENCES volunteer (id),
    org_code         varchar(64) NOT NULL,
    year             int         NOT NULL,
    minutes          int         NOT NULL CHECK (minutes >= 0 AND minutes % 15 = 0),
    override_reason  varchar(500),
    logged_at        timestamptz NOT NULL,
    UNIQUE (activity_id, volunteer_id)
);
CREATE INDEX hours_volunteer_year ON hours_entry (volunteer_id, year);
CREATE INDEX hours_org_year ON hours_entry (org_code, year);

-- aid-paid.v1 events with an activityId (welfare paid aid on a volunteer visit)
CREATE TABLE aid_delivery (
    application_id  uuid PRIMARY KEY,
    activity_id     uuid        NOT NULL,
    program_code    varchar(64) NOT NULL,
    org_code        varchar(64) NOT NULL,
    amount_fen      bigint      NOT NULL CHECK (amount_fen >= 0),
    year            int         NOT NULL,
    paid_at         timestamptz NOT NULL
);
CREATE INDEX aid_delivery_activity ON aid_delivery (activity_id);
CREATE INDEX aid_delivery_org_year ON aid_delivery (org_code, year);

-- honor-conferred.v1 of individuals, shown on the profile of a volunteer with the same personRef
CREATE TABLE person_honor (
    honor_id        uuid PRIMARY KEY,
    person_ref      char(64)     NOT NULL,
    award_code      varchar(64)  NOT NULL,
    level           varchar(16)  NOT NULL,
    model_worker    boolean      NOT NULL,
    year            int          NOT NULL,
    certificate_no  varchar(100),
    conferred_at    timestamptz  NOT NULL,
    revoked_at      timestamptz
);
CREATE INDEX person_honor_ref ON person_honor (person_ref);
