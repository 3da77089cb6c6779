package org.gonghui.contracts.volunteer;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Service time credited to one attendee of a completed activity.
 *
 * @param minutes credited minutes, a multiple of 15
 * @param year calendar year (Asia/Shanghai) of the activity's start
 */
public record HoursLogged(
        UUID activityId,
        UUID volunteerId,
        String personRef,
        String orgCode,
        int year,
        int minutes,
        OffsetDateTime activityStartsAt,
        OffsetDateTime loggedAt) {
}
