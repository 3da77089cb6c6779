package org.gonghui.honors.nomination;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.gonghui.honors.award.RecipientKind;
import org.gonghui.platform.errors.ProblemException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "nomination")
public class Nomination extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Enumerated(EnumType.STRING)
    public NominationStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "nominee_kind")
    public RecipientKind nomineeKind;

    @Column(name = "nominee_name")
    public String nomineeName;

    @Column(name = "person_ref")
    public String personRef;

    @Column(name = "id_number_masked")
    public String idNumberMasked;

    @Column(name = "unit_name")
    public String unitName;

    @Column(name = "org_code")
    public String orgCode;

    @Column(name = "nominee_key")
    public String nomineeKey;

    public String justification;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "notice_ends_on")
    public LocalDate noticeEndsOn;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "honor_id")
    public UUID honorId;

    /** Two admins acting on the same nomination at once: the second commit fails with 409. */
    @Version
    public long version;

    /** The one place that enforces the state machine: 409 naming the current state otherwise. */
    public void requireStatus(String action, NominationStatus... allowed) {
        for (NominationStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw ProblemException.illegalTransition("Nomination", status, action);
    }
}
