package org.gonghui.volunteer.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A volunteer's seat (or place in the waitlist) on an activity. Changed only under the activity's row lock. */
@Entity
@Table(name = "signup")
public class Signup extends PanacheEntityBase {

    public enum Status {
        CONFIRMED, WAITLISTED, CANCELLED
    }

    @Id
    public UUID id;
    @Column(name = "activity_id")
    public UUID activityId;
    @Column(name = "volunteer_id")
    public UUID volunteerId;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** Arrival order from a database sequence: the waitlist is served first come, first served. */
    @Column(insertable = false, updatable = false)
    public Long arrival;
    @Column(name = "signed_up_at")
    public OffsetDateTime signedUpAt;
    @Column(name = "checked_in_at")
    public OffsetDateTime checkedInAt;
    @Column(name = "checked_out_at")
    public OffsetDateTime checkedOutAt;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
}
