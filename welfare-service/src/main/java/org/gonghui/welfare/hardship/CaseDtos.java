package org.gonghui.welfare.hardship;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response records of the hardship case files. */
public final class CaseDtos {

    private CaseDtos() {
    }

    public record CreateCaseRequest(
            @NotNull CaseKind kind,
            @NotBlank @Size(max = 200) String name,
            String idNumber,
            String creditCode,
            String orgCode,
            @NotEmpty List<@NotNull Hardship> hardships,
            @Min(1) @Max(50) Integer householdSize,
            @Min(0) Long monthlyIncomeFen,
            @Size(max = 4000) String notes) {
    }

    /** Fields to change; absent fields stay as they are. */
    public record UpdateCaseRequest(
            @Size(min = 1, max = 200) String name,
            @Size(min = 1) List<@NotNull Hardship> hardships,
            @Min(1) @Max(50) Integer householdSize,
            @Min(0) Long monthlyIncomeFen,
            @Size(max = 4000) String notes) {
    }

    public record CloseCaseRequest(@Size(max = 2000) String reason) {
    }

    public record VerifyCaseRequest(@Size(max = 2000) String note) {
    }

    public record CaseView(UUID id, CaseKind kind, String name, String idNumberMasked, String creditCode,
            String orgCode, List<Hardship> hardships, Integer householdSize, Long monthlyIncomeFen, String notes,
            CaseStatus status, String createdBy, OffsetDateTime createdAt, String verifiedBy,
            OffsetDateTime verifiedAt, String closedBy, OffsetDateTime closedAt, String closeReason) {

        static CaseView of(HardshipCase c) {
            List<Hardship> hardships = Arrays.stream(c.hardships.split(",")).map(Hardship::valueOf).toList();
            return new CaseView(c.id, c.kind, c.name, c.idNumberMasked, c.creditCode, c.orgCode, hardships,
                    c.householdSize, c.monthlyIncomeFen, c.notes, c.status, c.createdBy, c.createdAt, c.verifiedBy,
                    c.verifiedAt, c.closedBy, c.closedAt, c.closeReason);
        }
    }

    public record HistoryEntry(long id, OffsetDateTime at, String actor, String action, String detail) {
    }
}
