package org.gonghui.welfare.fund;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A fund of one year. The totals are changed only by {@link Ledger} with conditional SQL updates, never through this
 * entity, so concurrent approvals cannot lose an update.
 */
@Entity
@Table(name = "fund")
@DynamicUpdate
public class Fund extends PanacheEntityBase {

    @Id
    public UUID id;
    public String code;
    public String name;
    public int year;
    @Column(name = "org_code")
    public String orgCode;
    @Column(name = "budget_fen", updatable = false)
    public long budgetFen;
    @Column(name = "committed_fen", updatable = false)
    public long committedFen;
    @Column(name = "paid_fen", updatable = false)
    public long paidFen;
    /** the last day (Asia/Shanghai) on which the fund takes new grants; payouts go on after it */
    @Column(name = "closes_on")
    public LocalDate closesOn;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public long availableFen() {
        return budgetFen - committedFen - paidFen;
    }
}
