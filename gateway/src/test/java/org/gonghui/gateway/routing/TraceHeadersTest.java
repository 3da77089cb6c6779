package org.gonghui.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The ids the gateway writes on every proxied request: well-formed whatever random bits they get. */
class TraceHeadersTest {

    private static final String HEX = "[0-9a-f]";

    @Test
    void newTraceparentsAreWellFormedEvenWithLeadingZeroBits() {
        // one hex group in 16 starts with a zero digit: a thousand draws would show a missing zero padding
        for (int i = 0; i < 1000; i++) {
            String traceparent = Upstream.traceparent(null);
            assertTrue(traceparent.matches("00-" + HEX + "{32}-" + HEX + "{16}-01"), traceparent);
            assertNotEquals("0".repeat(32), traceparent.substring(3, 35));
            assertNotEquals("0".repeat(16), traceparent.substring(36, 52));
        }
    }

    @Test
    void aValidInboundTraceIsContinuedWithANewParentSpan() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = Upstream.traceparent("00-" + trace + "-00f067aa0ba902b7-01");
        assertTrue(traceparent.matches("00-" + trace + "-" + HEX + "{16}-01"), traceparent);
        assertNotEquals("00f067aa0ba902b7", traceparent.substring(36, 52));
        // an invalid one starts a new trace
        assertNotEquals(trace, Upstream.traceparent("00-" + trace + "-xyz-01").substring(3, 35));
    }

    @Test
    void requestIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = Upstream.newRequestId();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(id, uuid.toString());
            assertTrue(seen.add(id), "repeated " + id);
        }
    }
}
