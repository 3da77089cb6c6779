package org.gonghui.platform.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    /** Issue 29.6: volunteer answered Location: http://localhost:8083/api/v1/volunteer/... (the internal address). */
    @Test
    void anAbsoluteLocationBecomesItsPath() {
        assertEquals("/api/v1/volunteer/activities/1",
                ResponseHeaders.relative("http://localhost:8083/api/v1/volunteer/activities/1"));
        assertEquals("/api/v1/orgs/ld.x?a=b", ResponseHeaders.relative("http://127.0.0.1:8080/api/v1/orgs/ld.x?a=b"));
        assertEquals("/api/v1/welfare/funds/2", ResponseHeaders.relative("/api/v1/welfare/funds/2"));
    }

    /** Issue 29.17: the objection throttle's 429 had its retry time only in the body. */
    @Test
    void aProblemWithARetryTimeCarriesRetryAfter() {
        var e = new ProblemException(429, "objections-throttled", "Too Many Requests", "slow down")
                .with("retryAfterSeconds", 42L);
        assertEquals("42", new ProblemMappers().problem(e, null).getHeaderString("Retry-After"));
    }
}
