package org.gonghui.honors.nomination;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gonghui.honors.award.RecipientKind;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Request and response records of the nomination workflow. */
public final class NominationDtos {

    private NominationDtos() {
    }

    public record NomineeInput(
            @NotNull RecipientKind kind,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 32) String idNumber,
            @NotNull @Size(max = 200) String unitName,
            @Size(max = 64) String orgCode) {
    }

    public record NewNomination(
            @NotNull UUID campaignId,
            @NotNull @Valid NomineeInput nominee,
            @NotBlank @Size(max = 5000) String justification) {
    }

    public record ScoreInput(@NotNull @Min(0) @Max(100) Integer score, @Size(max = 2000) String comment) {
    }

    public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NomineeView(RecipientKind kind, String name, String idNumberMasked, String unitName, String orgCode) {
    }

    public record NominationView(UUID id, UUID campaignId, String awardCode, int year, NominationStatus status,
            NomineeView nominee, String justification, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime submittedAt, LocalDate noticeEndsOn, OffsetDateTime decidedAt, String decisionReason,
            UUID honorId, int scoreCount, Double meanScore, long version) {
    }

    public record ScoreView(UUID nominationId, String reviewer, int score, String comment, OffsetDateTime scoredAt,
            int scoreCount, double meanScore) {
    }

    public record ShortlistResult(UUID campaignId, LocalDate noticeEndsOn, List<NominationView> selected,
            List<NominationView> notSelected) {
    }
}
