package org.gonghui.honors.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One selection round of an award for a year, owned by the org that runs it. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "award_code")
    public String awardCode;

    public int year;

    @Column(name = "org_code")
    public String orgCode;

    public int quota;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "campaign_org_quota", joinColumns = @JoinColumn(name = "campaign_id"))
    @MapKeyColumn(name = "org_code")
    @Column(name = "quota")
    public Map<String, Integer> orgQuotas = new LinkedHashMap<>();

    @Column(name = "nomination_opens")
    public LocalDate nominationOpens;

    @Column(name = "nomination_closes")
    public LocalDate nominationCloses;

    @Column(name = "notice_days")
    public int noticeDays;

    @Column(name = "shortlisted_at")
    public OffsetDateTime shortlistedAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Version
    public long version;

    public boolean acceptsNominationsOn(LocalDate day) {
        return shortlistedAt == null && !day.isBefore(nominationOpens) && !day.isAfter(nominationCloses);
    }

    /** The rule of its places: org quotas are allocations of the total ({@link CampaignQuotas}). */
    public CampaignQuotas quotas() {
        return new CampaignQuotas(quota, orgQuotas);
    }

    public CampaignView view() {
        return new CampaignView(id, awardCode, year, orgCode, quota, Map.copyOf(orgQuotas), nominationOpens,
                nominationCloses, noticeDays, shortlistedAt, createdAt);
    }
}
