package org.gonghui.contracts.welfare;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An approved welfare application was paid out of its fund.
 *
 * @param activityId the volunteer activity on which the aid was handed over, if any
 */
public record AidPaid(
        UUID applicationId,
        String programCode,
        UUID fundId,
        String orgCode,
        long amountFen,
        String personRef,
        UUID activityId,
        int year,
        OffsetDateTime paidAt) {
}
