package org.gonghui.welfare.fund;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public final class FundDtos {

    /** a bound far above any real budget, so bigint totals cannot overflow */
    public static final long MAX_FEN = 10_000_000_000_000L;

    private FundDtos() {
    }

    public record CreateFundRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1 to 64 of a-z, 0-9 and -") String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(1949) @Max(2200) Integer year,
            @NotNull @Min(0) @Max(value = MAX_FEN, message = "must be at most 100,000,000,000 yuan") Long budgetFen,
            String orgCode,
            /* the last day of new grants; default the configured closing day of the following year */
            LocalDate closesOn) {
    }

    public record BudgetChangeRequest(
            @NotNull @Min(value = -MAX_FEN, message = "must be at least -100,000,000,000 yuan")
            @Max(value = MAX_FEN, message = "must be at most 100,000,000,000 yuan") Long deltaFen, @NotBlank @Size(max = 2000) String reason) {
    }

    public record FundView(UUID id, String code, String name, int year, String orgCode, long budgetFen,
            long committedFen, long paidFen, long availableFen, LocalDate closesOn, OffsetDateTime createdAt) {

        static FundView of(Fund f) {
            return new FundView(f.id, f.code, f.name, f.year, f.orgCode, f.budgetFen, f.committedFen, f.paidFen,
                    f.availableFen(), f.closesOn, f.createdAt);
        }
    }

    public record LedgerEntryView(long id, UUID fundId, LedgerKind kind, long amountFen, String debitAccount,
            String creditAccount, UUID applicationId, String actor, String note, OffsetDateTime createdAt) {
    }
}
