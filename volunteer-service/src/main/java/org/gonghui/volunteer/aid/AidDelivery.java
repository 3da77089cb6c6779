package org.gonghui.volunteer.aid;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Aid that welfare paid on a volunteer visit (from aid-paid.v1 with an activityId). */
@Entity
@Table(name = "aid_delivery")
public class AidDelivery extends PanacheEntityBase {

    @Id
    @Column(name = "application_id")
    public UUID applicationId;
    @Column(name = "activity_id")
    public UUID activityId;
    @Column(name = "program_code")
    public String programCode;
    @Column(name = "org_code")
    public String orgCode;
    @Column(name = "amount_fen")
    public long amountFen;
    public int year;
    @Column(name = "paid_at")
    public OffsetDateTime paidAt;

    public static long totalFenFor(UUID activityId) {
        Long sum = getEntityManager().createQuery(
                "select coalesce(sum(a.amountFen), 0) from AidDelivery a where a.activityId = :id", Long.class)
                .setParameter("id", activityId).getSingleResult();
        return sum == null ? 0 : sum;
    }
}
