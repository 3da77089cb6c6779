package org.gonghui.honors.notice;

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

/** An objection lodged by the public against a nomination during its notice period (公示异议). */
@Entity
@Table(name = "objection")
public class Objection extends PanacheEntityBase {

    public enum Status {
        OPEN, UPHELD, DISMISSED
    }

    @Id
    public UUID id;

    @Column(name = "nomination_id")
    public UUID nominationId;

    public String reason;

    public String contact;

    /** Keyed hash of the client address: enough to throttle and spot repeat objectors, not to identify them. */
    @Column(name = "ip_hash")
    public String ipHash;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "lodged_at")
    public OffsetDateTime lodgedAt;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    public String note;

    @Version
    public long version;

    public static long countOpen(UUID nominationId) {
        return count("nominationId = ?1 and status = ?2", nominationId, Status.OPEN);
    }
}
