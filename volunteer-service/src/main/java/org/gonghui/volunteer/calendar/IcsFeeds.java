package org.gonghui.volunteer.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import org.gonghui.volunteer.activity.Activity;
import org.gonghui.volunteer.community.Community;
import org.gonghui.volunteer.support.Times;

/**
 * Builds RFC 5545 feeds with ical4j. Each activity's UID is {@code <activityId>@gonghui} and never changes, and its
 * SEQUENCE follows the row version, so a calendar app updates an event instead of duplicating it.
 */
public final class IcsFeeds {

    public static final String MEDIA_TYPE = "text/calendar;charset=UTF-8";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private IcsFeeds() {
    }

    public static String uidOf(UUID activityId) {
        return activityId + "@gonghui";
    }

    public static String render(String name, List<Activity> activities, Map<UUID, Community> communities) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Gonghui//volunteer-service 1.0//ZH"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        calendar.add(new XProperty("X-WR-TIMEZONE", Times.ZONE.getId()));
        calendar.add(ZONES.getTimeZone(Times.ZONE.getId()).getVTimeZone());
        Instant stamp = Instant.now();
        for (Activity a : activities) {
            VEvent event = new VEvent(a.startsAt.atZoneSameInstant(Times.ZONE), a.endsAt.atZoneSameInstant(Times.ZONE),
                    a.title);
            event.add(new Uid(uidOf(a.id)));
            event.replace(new DtStamp(stamp));
            event.add(new Sequence((int) a.version));
            if (a.createdAt != null) {
                event.add(new LastModified(a.createdAt.toInstant()));
            }
            Community c = communities.get(a.communityId);
            if (c != null) {
                event.add(new Location(c.address == null || c.address.isBlank() ? c.name : c.name + ", " + c.address));
            }
            event.add(new Description(a.kind + ", " + a.capacity + " seats"));
            event.add(new Status(Status.VALUE_CONFIRMED));
            calendar.add(event);
        }
        return calendar.toString();
    }
}
