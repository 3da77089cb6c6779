package org.gonghui.honors.honor;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.gonghui.honors.award.RecipientKind;

public record HonorView(UUID id, String awardCode, int year, RecipientKind recipientKind, String name,
        String idNumberMasked, String unitName, String orgCode, String certificateNo, Honor.Source source,
        UUID nominationId, OffsetDateTime conferredAt, boolean revoked, OffsetDateTime revokedAt,
        String revokeReason) {
}
