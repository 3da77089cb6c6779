package org.gonghui.honors.award;

import com.fasterxml.jackson.annotation.JsonInclude;

public record AwardView(String code, String name, String nameEn, RecipientKind recipientKind, AwardLevel level,
        boolean modelWorker, @JsonInclude(JsonInclude.Include.NON_NULL) Integer minVolunteerHours) {
}
