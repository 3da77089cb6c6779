package org.gonghui.welfare.application;

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

/** An application for a grant out of a fund, from submission to payout. */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "program_code")
    public String programCode;
    @Column(name = "fund_id")
    public UUID fundId;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "model_worker_id")
    public UUID modelWorkerId;
    @Column(name = "model_worker_level")
    public String modelWorkerLevel;
    /** the beneficiary's personRef (null for an enterprise) */
    @Column(name = "person_ref")
    public String personRef;
    /** what yearly caps count by: {@code person:<ref>}, {@code enterprise:<code>} */
    @Column(name = "beneficiary_key")
    public String beneficiaryKey;
    @Column(name = "beneficiary_name")
    public String beneficiaryName;
    @Column(name = "beneficiary_kind")
    public String beneficiaryKind;
    @Column(name = "amount_fen")
    public long amountFen;
    public int quantity;
    @Column(name = "activity_id")
    public UUID activityId;
    /** JSON object */
    public String details;
    @Column(name = "org_code")
    public String orgCode;
    public int year;
    @Enumerated(EnumType.STRING)
    public ApplicationStatus status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "creator_sub")
    public String creatorSub;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "first_approver")
    public String firstApprover;
    @Column(name = "first_approver_sub")
    public String firstApproverSub;
    @Column(name = "first_approved_at")
    public OffsetDateTime firstApprovedAt;
    public String approver;
    @Column(name = "approver_sub")
    public String approverSub;
    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;
    @Column(name = "rejected_by")
    public String rejectedBy;
    @Column(name = "rejected_at")
    public OffsetDateTime rejectedAt;
    public String reason;
    @Column(name = "cancelled_by")
    public String cancelledBy;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    @Column(name = "blocked_at")
    public OffsetDateTime blockedAt;
    @Column(name = "paid_by")
    public String paidBy;
    @Column(name = "paid_at")
    public OffsetDateTime paidAt;
    @Version
    public long version;
}
