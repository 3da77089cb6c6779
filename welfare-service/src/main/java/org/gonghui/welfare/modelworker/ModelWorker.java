package org.gonghui.welfare.modelworker;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One model-worker title of a person (one entry per conferred honor), as learnt from honors events. */
@Entity
@Table(name = "model_worker")
public class ModelWorker extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "honor_id")
    public UUID honorId;
    @Column(name = "person_ref")
    public String personRef;
    public String name;
    public String level;
    @Column(name = "award_code")
    public String awardCode;
    @Column(name = "since_year")
    public int sinceYear;
    @Column(name = "org_code")
    public String orgCode;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "conferred_at")
    public OffsetDateTime conferredAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    @Column(name = "revoke_reason")
    public String revokeReason;

    public boolean active() {
        return revokedAt == null;
    }
}
