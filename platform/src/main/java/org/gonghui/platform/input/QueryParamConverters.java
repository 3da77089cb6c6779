package org.gonghui.platform.input;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Typed query parameters of every application ({@code Integer}, {@code int}, {@code long}, {@code boolean},
 * {@code UUID}, {@code OffsetDateTime}, {@code LocalDate}, {@code Instant}, enums). JAX-RS answers 404 when such a
 * parameter cannot be converted (RESTEasy turns the converter's failure into NotFound); here the failure is a
 * {@link InvalidParameterException}, which RESTEasy passes on as it is, and the client gets 400
 * {@code /problems/validation} naming the parameter and what it must be (issue 29.7).
 */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParamName(annotations);

        if (name == null) {
            return null;
        }
        Function<String, ?> parse = null;
        if (rawType == Integer.class || rawType == int.class) {
            parse = v -> (int) integer(name, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        } else if (rawType == Long.class || rawType == long.class) {
            parse = v -> integer(name, v, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (rawType == Boolean.class || rawType == boolean.class) {
            parse = v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE; // "0": RESTEasy's default for an absent primitive
                default -> throw new InvalidParameterException(name, "must be true or false");
            };
        } else if (rawType == UUID.class) {
            parse = v -> parse(name, v, UUID::fromString, "must be a UUID");
        } else if (rawType == OffsetDateTime.class) {
            // a '+' offset arrives as a space when the client did not escape it
            parse = v -> parse(name, v.trim().replace(' ', '+'), OffsetDateTime::parse,
                    "must be an ISO-8601 date-time with offset, like 2026-12-04T09:00:00+08:00");
        } else if (rawType == Instant.class) {
            parse = v -> parse(name, v.trim().replace(' ', '+'), s -> OffsetDateTime.parse(s).toInstant(),
                    "must be an ISO-8601 date-time with offset, like 2026-12-04T09:00:00+08:00");
        } else if (rawType == LocalDate.class) {
            parse = v -> parse(name, v, LocalDate::parse, "must be an ISO-8601 date, like 2026-12-04");
        } else if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            parse = v -> enumValue(name, v, type);
        }
        if (parse == null) {
            return null;
        }
        Function<String, ?> converter = parse;
        return new ParamConverter<T>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isBlank()) {
                    // absent or empty: what RESTEasy gives for a missing parameter (0 or false for a primitive)
                    return rawType == int.class ? (T) Integer.valueOf(0) : rawType == long.class ? (T) Long.valueOf(0)
                            : rawType == boolean.class ? (T) Boolean.FALSE : null;
                }
                return (T) converter.apply(value);
            }

            @Override
            public String toString(T value) {
                return value == null ? null : String.valueOf(value);
            }
        };
    }

    private static String queryParamName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    static long integer(String name, String value, long min, long max) {
        String v = value.trim();
        if (!v.matches("[+-]?\\d{1,400}")) {
            throw new InvalidParameterException(name, "must be a whole number");
        }
        BigInteger n = new BigInteger(v);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidParameterException(name, "is out of range");
        }
        return n.longValue();
    }

    private static <R> R parse(String name, String value, Function<String, R> parser, String message) {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidParameterException(name, message);
        }
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Object enumValue(String name, String value, Class<? extends Enum> type) {
        String v = value.trim();
        for (Enum constant : type.getEnumConstants()) {
            if (constant.name().equals(v) || constant.name().equalsIgnoreCase(v)) {
                return constant;
            }
        }
        throw new InvalidParameterException(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum) c).name()).collect(Collectors.joining(", ")));
    }
}
