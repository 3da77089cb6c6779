package org.gonghui.platform.input;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What a Java type means in the API's words, for error messages that never name a Java class (issue 29.16). */
public final class ApiTypes {

    private ApiTypes() {
    }

    /** "must be an object", "must be one of WORKER, HOUSEHOLD, ENTERPRISE", ... */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == BigInteger.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
            return "must be an ISO-8601 date-time with offset, like 2026-12-04T09:00:00+08:00";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date, like 2026-12-04";
        }
        if (type == LocalTime.class) {
            return "must be a time of day, like 09:30";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "must be an object";
        }
        return "has an invalid value";
    }
}
