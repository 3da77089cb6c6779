package org.gonghui.honors.honor;

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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A conferred title: from a nomination or from the historical record. */
@Entity
@Table(name = "honor")
public class Honor extends PanacheEntityBase {

    public enum Source {
        NOMINATION, IMPORT
    }

    @Id
    public UUID id;

    @Column(name = "award_code")
    public String awardCode;

    public int year;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind")
    public RecipientKind recipientKind;

    public String name;

    @Column(name = "person_ref")
    public String personRef;

    @Column(name = "id_number_masked")
    public String idNumberMasked;

    @Column(name = "unit_name")
    public String unitName;

    @Column(name = "org_code")
    public String orgCode;

    @Column(name = "certificate_no")
    public String certificateNo;

    @Enumerated(EnumType.STRING)
    public Source source;

    @Column(name = "nomination_id")
    public UUID nominationId;

    @Column(name = "conferred_at")
    public OffsetDateTime conferredAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoke_reason")
    public String revokeReason;

    @Version
    public long version;

    public HonorView view() {
        return new HonorView(id, awardCode, year, recipientKind, name, idNumberMasked, unitName, orgCode,
                certificateNo, source, nominationId, conferredAt, revokedAt != null, revokedAt, revokeReason);
    }
}
