package org.gonghui.honors.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

public record CampaignView(UUID id, String awardCode, int year, String orgCode, int quota,
        Map<String, Integer> orgQuotas, LocalDate nominationOpens, LocalDate nominationCloses, int noticeDays,
        OffsetDateTime shortlistedAt, OffsetDateTime createdAt) {
}
