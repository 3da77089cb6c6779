package org.gonghui.volunteer.activity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.gonghui.volunteer.support.Times;

/** Request and response bodies of the activity endpoints. */
public final class ActivityDtos {

    private ActivityDtos() {
    }

    public record ActivityRequest(
            @NotBlank @Size(max = 200) String title,
            @NotNull Activity.Kind kind,
            @NotNull UUID communityId,
            UUID teamId,
            @NotNull OffsetDateTime startsAt,
            @NotNull OffsetDateTime endsAt,
            @NotNull @Min(1) @Max(10_000) Integer capacity,
            @Size(max = 64) String orgCode) {
    }

    public record ActivityView(UUID id, String title, Activity.Kind kind, UUID communityId, UUID teamId,
            OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity, String orgCode, Activity.Status status,
            long confirmed, long waitlisted, long aidDeliveredFen, UUID rotationId, OffsetDateTime completedAt,
            List<SignupView> signups, List<CreditView> hours) {
    }

    public record SignupRequest(@NotNull UUID volunteerId) {
    }

    public record SignupView(UUID id, UUID activityId, UUID volunteerId, Signup.Status status,
            Integer waitlistPosition, OffsetDateTime signedUpAt, OffsetDateTime checkedInAt,
            OffsetDateTime checkedOutAt) {
        static SignupView of(Signup s, Integer position) {
            return new SignupView(s.id, s.activityId, s.volunteerId, s.status, position, Times.local(s.signedUpAt),
                    Times.local(s.checkedInAt), Times.local(s.checkedOutAt));
        }
    }

    public record CancellationView(SignupView cancelled, SignupView promoted) {
    }

    public record AttendanceRequest(@NotNull UUID volunteerId, OffsetDateTime at) {
    }

    /**
     * A coordinator's record of a past shift's attendance (from the sign-in sheet), with the reason it is late; without
     * {@code checkedOutAt} the time counts until the shift's end, as for a missing check-out.
     */
    public record AttendanceRecord(@NotNull UUID volunteerId, @NotNull OffsetDateTime checkedInAt,
            OffsetDateTime checkedOutAt, @NotBlank @Size(max = 500) String reason) {
    }

    public record Override(@NotNull UUID volunteerId, @NotNull Integer minutes,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record CompleteRequest(List<@Valid @NotNull Override> overrides) {
    }

    public record CreditView(UUID volunteerId, int minutes, String overrideReason) {
    }
}
