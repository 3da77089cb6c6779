package org.gonghui.volunteer.hours;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Minutes credited to one attendee of a completed activity (append-only). */
@Entity
@Table(name = "hours_entry")
public class HoursEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "activity_id")
    public UUID activityId;
    @Column(name = "volunteer_id")
    public UUID volunteerId;
    @Column(name = "org_code")
    public String orgCode;
    public int year;
    public int minutes;
    @Column(name = "override_reason")
    public String overrideReason;
    @Column(name = "logged_at")
    public OffsetDateTime loggedAt;
}
