package org.gonghui.contracts;

import java.util.Arrays;
import java.util.Optional;

import org.gonghui.contracts.honors.HonorConferred;
import org.gonghui.contracts.honors.HonorRevoked;
import org.gonghui.contracts.volunteer.ActivityCompleted;
import org.gonghui.contracts.volunteer.HoursLogged;
import org.gonghui.contracts.welfare.AidPaid;

/** The event catalogue: CloudEvents type, topic, data record and JSON Schema of every event. */
public enum EventType {
    HONOR_CONFERRED("gonghui.honors.honor-conferred.v1", Topics.HONORS, HonorConferred.class),
    HONOR_REVOKED("gonghui.honors.honor-revoked.v1", Topics.HONORS, HonorRevoked.class),
    HOURS_LOGGED("gonghui.volunteer.hours-logged.v1", Topics.VOLUNTEER, HoursLogged.class),
    ACTIVITY_COMPLETED("gonghui.volunteer.activity-completed.v1", Topics.VOLUNTEER, ActivityCompleted.class),
    AID_PAID("gonghui.welfare.aid-paid.v1", Topics.WELFARE, AidPaid.class);

    private final String type;
    private final String topic;
    private final Class<? extends Record> dataClass;

    EventType(String type, String topic, Class<? extends Record> dataClass) {
        this.type = type;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> dataClass() {
        return dataClass;
    }

    /** Classpath location of the JSON Schema (draft 2020-12) of this event's data. */
    public String schemaPath() {
        return "/schemas/" + type + ".json";
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType ofData(Class<?> dataClass) {
        return Arrays.stream(values()).filter(t -> t.dataClass.equals(dataClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event record: " + dataClass.getName()));
    }
}
