package org.gonghui.volunteer.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A shift: a visit to a community in a time window with a number of seats. */
@Entity
@Table(name = "activity")
public class Activity extends PanacheEntityBase {

    public enum Kind {
        CONDOLENCE_VISIT, CLEANUP, CIVILITY_PERSUASION, TICKET_HELP, OTHER
    }

    public enum Status {
        OPEN, COMPLETED
    }

    @Id
    public UUID id;
    public String title;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "community_id")
    public UUID communityId;
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    public int capacity;
    @Column(name = "org_code")
    public String orgCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "rotation_id")
    public UUID rotationId;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;
}
