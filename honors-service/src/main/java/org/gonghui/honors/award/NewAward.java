package org.gonghui.honors.award;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record NewAward(
        @NotNull @Pattern(regexp = "^[a-z0-9-]{1,64}$", message = "must be 1 to 64 lowercase letters, digits or dashes") String code,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 200) String nameEn,
        @NotNull RecipientKind recipientKind,
        @NotNull AwardLevel level,
        Boolean modelWorker,
        @Min(1) @Max(10_000) Integer minVolunteerHours) {
}
