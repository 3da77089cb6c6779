package org.gonghui.honors.notice;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public final class ObjectionDtos {

    public static final int MIN_REASON = 10;
    public static final int MAX_REASON = 2000;

    private ObjectionDtos() {
    }

    public record NewObjection(
            @NotBlank @Size(min = MIN_REASON, max = MAX_REASON) String reason,
            @Size(max = 200) String contact) {
    }

    public record Resolution(@NotNull Boolean upheld, @NotBlank @Size(max = 2000) String note) {
    }

    /** What the public objector gets back: no data about the nomination beyond its id. */
    public record LodgedObjection(UUID id, UUID nominationId, Objection.Status status, OffsetDateTime lodgedAt) {
    }

    public record ObjectionView(UUID id, UUID nominationId, String reason, String contact, Objection.Status status,
            OffsetDateTime lodgedAt, OffsetDateTime resolvedAt, String resolvedBy, String note) {

        static ObjectionView of(Objection o) {
            return new ObjectionView(o.id, o.nominationId, o.reason, o.contact, o.status, o.lodgedAt, o.resolvedAt,
                    o.resolvedBy, o.note);
        }
    }
}
