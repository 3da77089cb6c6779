package org.gonghui.welfare.enrolment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class EnrolmentDtos {

    private EnrolmentDtos() {
    }

    public record RowError(long line, String message) {
    }

    /** accepted = newly enrolled; duplicates = already enrolled (or repeated in the file); rejected = invalid rows. */
    public record ImportResult(String programCode, int year, int accepted, int duplicates, int rejected,
            List<RowError> errors, boolean errorsTruncated) {
    }

    public record EnrolmentView(UUID id, String programCode, int year, String name, String idNumberMasked,
            String orgCode, String unitName, OffsetDateTime createdAt) {
    }
}
