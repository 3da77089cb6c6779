package org.gonghui.welfare.application;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gonghui.platform.errors.ProblemException;
import org.gonghui.platform.person.ResidentIdNumbers;
import org.gonghui.welfare.program.Program;

/**
 * The {@code details} an application of each program may carry: the allowed keys, each a text of bounded length (or
 * a date), so that details cannot grow into an unbounded store of personal data. Anything else is refused with 400
 * naming the key. Every value that looks like a resident ID number is masked, when stored and again when shown.
 * Pure functions.
 */
public final class ApplicationDetails {

    /** {@code details.childIdNumber}: the named child of a student-aid grant (validated and stored masked only). */
    public static final String CHILD_ID = "childIdNumber";
    /** what the service stores in place of {@link #CHILD_ID}; set by the service, never accepted from a client */
    public static final String CHILD_ID_MASKED = "childIdNumberMasked";

    enum Kind {
        TEXT, DATE, ID_NUMBER
    }

    record Field(Kind kind, int maxLength) {
        static Field text(int maxLength) {
            return new Field(Kind.TEXT, maxLength);
        }
    }

    private static final Field NOTE = Field.text(500);
    private static final Field OCCASION = Field.text(100);

    /** The schema of each grant program (what the demo and the console send, plus a free {@code note}). */
    static final Map<String, Map<String, Field>> SCHEMAS = Map.of(
            Program.CONDOLENCE_VISIT, Map.of("occasion", OCCASION, "note", NOTE),
            Program.STUDENT_AID, Map.of("childName", Field.text(50), CHILD_ID, new Field(Kind.ID_NUMBER, 20),
                    "school", Field.text(100), "grade", Field.text(30), "note", NOTE),
            Program.TRAIN_TICKET, Map.of("route", Field.text(100), "travelDate", new Field(Kind.DATE, 10),
                    "note", NOTE),
            Program.COMMUNITY_AID, Map.of("delivered", Field.text(200), "note", NOTE),
            Program.MODEL_WORKER_CONDOLENCE, Map.of("occasion", OCCASION, "note", NOTE),
            Program.MODEL_WORKER_LIVING_SUBSIDY, Map.of("level", Field.text(50), "period", Field.text(50),
                    "note", NOTE),
            Program.MODEL_WORKER_SPECIAL_HARDSHIP, Map.of("reason", Field.text(200), "note", NOTE));

    // 18-character (and first-generation 15-digit) resident ID numbers inside any text, not parts of longer numbers
    private static final Pattern ID_SHAPED = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{15})(?![0-9A-Za-z])");

    private ApplicationDetails() {
    }

    /**
     * What {@code quantity} counts: train tickets for {@code train-ticket} (the report sums it); every other grant is
     * one beneficiary per application (student aid: one child; a family with two children files two applications),
     * so its quantity is 1 and anything else is refused with 400 rather than silently not counted.
     */
    public static int quantity(String programCode, Integer quantity) {
        if (quantity == null) {
            return 1;
        }
        if (quantity != 1 && !Program.TRAIN_TICKET.equals(programCode)) {
            throw ProblemException.invalidField("quantity", "must be 1 for " + programCode
                    + (Program.STUDENT_AID.equals(programCode) ? ": one child per application (name the child in"
                            + " details.childIdNumber; file one application per child)"
                            : ": one grant per application (quantity counts tickets of train-ticket only)"));
        }
        return quantity;
    }

    /** The keys a program's details may have (empty for a program without a schema). */
    public static List<String> allowedKeys(String programCode) {
        return SCHEMAS.getOrDefault(programCode, Map.of()).keySet().stream().sorted().toList();
    }

    /**
     * Checks {@code details} against the program's schema and returns the values to keep (nulls dropped, texts
     * trimmed, ID-number-shaped text masked; {@link #CHILD_ID} is returned as given for the caller to identify).
     * 400 {@code validation} naming {@code details.<key>} otherwise.
     */
    public static Map<String, Object> validate(String programCode, Map<String, Object> details) {
        Map<String, Object> kept = new LinkedHashMap<>();
        if (details == null) {
            return kept;
        }
        Map<String, Field> schema = SCHEMAS.getOrDefault(programCode, Map.of());
        for (Map.Entry<String, Object> e : details.entrySet()) {
            String key = e.getKey();
            Field field = schema.get(key);
            String name = "details." + key;
            if (field == null) {
                throw ProblemException.invalidField(name, schema.isEmpty() ? "is not allowed: " + programCode
                        + " takes no details" : "is not a detail of " + programCode + "; allowed: "
                        + String.join(", ", allowedKeys(programCode)));
            }
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            if (!(value instanceof String text)) {
                throw ProblemException.invalidField(name, field.kind() == Kind.DATE
                        ? "must be a date (YYYY-MM-DD)" : "must be a text");
            }
            text = text.strip();
            if (text.length() > field.maxLength()) {
                throw ProblemException.invalidField(name, "must be at most " + field.maxLength() + " characters");
            }
            switch (field.kind()) {
                case DATE -> {
                    try {
                        LocalDate.parse(text);
                    } catch (DateTimeParseException ex) {
                        throw ProblemException.invalidField(name, "must be a date (YYYY-MM-DD)");
                    }
                }
                case TEXT -> text = maskIdNumbers(text);
                case ID_NUMBER -> {
                    // identified (validated, turned into a personRef and masked) by the caller
                }
            }
            kept.put(key, text);
        }
        return kept;
    }

    /** Every string in the details with ID-number-shaped runs masked: what a view shows, whatever was stored. */
    public static Map<String, Object> masked(Map<String, Object> details) {
        Map<String, Object> shown = new LinkedHashMap<>();
        details.forEach((k, v) -> shown.put(k, maskValue(v)));
        return shown;
    }

    @SuppressWarnings("unchecked")
    private static Object maskValue(Object value) {
        if (value instanceof String s) {
            return maskIdNumbers(s);
        }
        if (value instanceof Map<?, ?> m) {
            return masked((Map<String, Object>) m);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ApplicationDetails::maskValue).toList();
        }
        return value;
    }

    /** {@code 4313**********1234} for every 18-character (or 15-digit) ID-number-shaped run in {@code text}. */
    static String maskIdNumbers(String text) {
        Matcher m = ID_SHAPED.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(ResidentIdNumbers.mask(m.group(1))));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
