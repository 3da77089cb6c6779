package org.gonghui.contracts.honors;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A conferred honor was revoked. */
public record HonorRevoked(
        UUID honorId,
        String awardCode,
        String level,
        boolean modelWorker,
        int year,
        String personRef,
        String orgCode,
        String reason,
        OffsetDateTime revokedAt) {
}
