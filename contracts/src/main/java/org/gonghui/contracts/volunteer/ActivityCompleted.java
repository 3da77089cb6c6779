package org.gonghui.contracts.volunteer;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A volunteer activity (shift) took place and was closed by its coordinator. */
public record ActivityCompleted(
        UUID activityId,
        String title,
        String kind,
        UUID communityId,
        UUID teamId,
        String orgCode,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        int attendees,
        int totalMinutes,
        OffsetDateTime completedAt) {
}
