package org.gonghui.honors.campaign;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

public record NewCampaign(
        @NotBlank String awardCode,
        @NotNull @Min(1949) @Max(2200) Integer year,
        @NotNull @Min(1) @Max(100_000) Integer quota,
        Map<String, @NotNull @Min(0) Integer> orgQuotas,
        @NotNull LocalDate nominationOpens,
        @NotNull LocalDate nominationCloses,
        @Min(1) @Max(60) Integer noticeDays,
        String orgCode) {

    public static final int DEFAULT_NOTICE_DAYS = 7;
}
