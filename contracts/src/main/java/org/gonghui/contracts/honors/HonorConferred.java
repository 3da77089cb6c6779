package org.gonghui.contracts.honors;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An honor was conferred (or imported from the historical record).
 *
 * @param personRef HMAC of the recipient's resident ID number; null for collectives and posts
 * @param level NATIONAL, PROVINCIAL, MUNICIPAL or COUNTY
 * @param recipientKind INDIVIDUAL, COLLECTIVE or POST
 */
public record HonorConferred(
        UUID honorId,
        String awardCode,
        String level,
        boolean modelWorker,
        int year,
        String recipientKind,
        String name,
        String personRef,
        String unitName,
        String orgCode,
        String certificateNo,
        OffsetDateTime conferredAt) {
}
