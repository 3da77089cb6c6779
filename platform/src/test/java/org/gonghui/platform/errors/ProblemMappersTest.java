package org.gonghui.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

class ProblemMappersTest {

    /** The shape the hardening sweep met when the gateway cut off a 200 MB upload or a trickling body. */
    @Test
    void aConnectionClosedMidBodyIsA400NotAnUnexpectedError() {
        IOException closed = new IOException(new IOException(new HttpClosedException("Connection was closed")));
        var response = new ProblemMappers().anythingElse(closed, null, null);
        assertEquals(400, response.getStatus());
        assertEquals("/problems/incomplete-body", ((Problem) response.getEntity()).type());
    }

    @Test
    void otherFailuresStayUnexpected() {
        assertEquals(500, new ProblemMappers().anythingElse(new IOException("disk full"), null, null).getStatus());
    }
}
