package org.gonghui.welfare.hardship;

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

/** A hardship case file of a worker, a household or an enterprise. Holds no resident ID number. */
@Entity
@Table(name = "hardship_case")
public class HardshipCase extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public CaseKind kind;
    public String name;
    @Column(name = "person_ref")
    public String personRef;
    @Column(name = "id_number_masked")
    public String idNumberMasked;
    @Column(name = "credit_code")
    public String creditCode;
    @Column(name = "org_code")
    public String orgCode;
    /** comma-separated {@link Hardship} names */
    public String hardships;
    @Column(name = "household_size")
    public Integer householdSize;
    @Column(name = "monthly_income_fen")
    public Long monthlyIncomeFen;
    public String notes;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "verified_by")
    public String verifiedBy;
    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;
    @Column(name = "close_reason")
    public String closeReason;
    @Version
    public long version;
}
