package org.gonghui.welfare.application;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class ApplicationDtos {

    /** a bound far above any real grant, so sums in bigint columns cannot overflow */
    public static final long MAX_FEN = 100_000_000_000L;

    private ApplicationDtos() {
    }

    public record SubmitApplicationRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String programCode,
            @NotNull UUID fundId,
            UUID caseId,
            UUID modelWorkerId,
            @NotNull @Min(value = 1, message = "must be at least 1 fen")
            @Max(value = MAX_FEN, message = "must be at most 1,000,000,000 yuan") Long amountFen,
            @Min(1) @Max(1000) Integer quantity,
            UUID activityId,
            Map<String, Object> details) {
    }

    /**
     * Why an application is rejected or cancelled, for the clerk and the applicant: required, and it must say
     * something (a letter or digit), so a placeholder such as "-" is refused (#29.20).
     */
    public record ReasonRequest(@NotBlank @Size(max = 2000)
            @Pattern(regexp = "(?s).*[\\p{L}\\p{N}].*", message = "must say why (a placeholder such as \"-\" is not a reason)")
            String reason) {
    }

    public record ApprovalView(String reviewer, OffsetDateTime at) {
    }

    public record ApplicationView(UUID id, String programCode, UUID fundId, UUID caseId, UUID modelWorkerId,
            String modelWorkerLevel, String beneficiaryName, String beneficiaryKind, long amountFen, int quantity,
            UUID activityId, Map<String, Object> details, String orgCode, int year, ApplicationStatus status,
            String createdBy, OffsetDateTime createdAt, int approvalsRequired, List<ApprovalView> approvals,
            OffsetDateTime approvedAt, String rejectedBy, OffsetDateTime rejectedAt, String reason,
            String cancelledBy, OffsetDateTime cancelledAt, OffsetDateTime blockedAt, String paidBy,
            OffsetDateTime paidAt) {
    }
}
