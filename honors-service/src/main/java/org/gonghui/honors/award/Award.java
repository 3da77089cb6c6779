package org.gonghui.honors.award;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A title in the catalog, e.g. 五一标兵 or 娄底市劳动模范. */
@Entity
@Table(name = "award")
public class Award extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "name_en")
    public String nameEn;

    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind")
    public RecipientKind recipientKind;

    @Enumerated(EnumType.STRING)
    public AwardLevel level;

    @Column(name = "model_worker")
    public boolean modelWorker;

    @Column(name = "min_volunteer_hours")
    public Integer minVolunteerHours;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    public AwardView view() {
        return new AwardView(code, name, nameEn, recipientKind, level, modelWorker, minVolunteerHours);
    }
}
