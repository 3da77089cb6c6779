package org.gonghui.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string that {@link SafeText} refuses; its message is the API's words, never the offending value. */
public class UnsafeTextException extends MismatchedInputException {

    private final String reason;

    public UnsafeTextException(JsonParser parser, String reason) {
        super(parser, reason, String.class);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
