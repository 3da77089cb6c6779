package org.gonghui.volunteer.honor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** An honor conferred on a person (from honors-service events), shown on the profile of a volunteer with that personRef. */
@Entity
@Table(name = "person_honor")
public class PersonHonor extends PanacheEntityBase {

    @Id
    @Column(name = "honor_id")
    public UUID honorId;
    @Column(name = "person_ref")
    public String personRef;
    @Column(name = "award_code")
    public String awardCode;
    public String level;
    @Column(name = "model_worker")
    public boolean modelWorker;
    public int year;
    @Column(name = "certificate_no")
    public String certificateNo;
    @Column(name = "conferred_at")
    public OffsetDateTime conferredAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public static List<PersonHonor> liveOf(String personRef) {
        if (personRef == null) {
            return List.of();
        }
        return list("personRef = ?1 and revokedAt is null", Sort.by("year").and("awardCode"), personRef);
    }
}
