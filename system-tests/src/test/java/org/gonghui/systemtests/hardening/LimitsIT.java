package org.gonghui.systemtests.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.gonghui.systemtests.RunningSuite;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, limits at the gateway: JSON bodies above 1 MiB and a 200 MB CSV upload are refused with 413
 * problem+json long before the whole body is sent (the CSV is generated while it streams, never held in memory); a
 * body that trickles in a byte at a time is cut off; a page size above 200 is refused.
 */
class LimitsIT {

    static final String SWEEP = "limits";
    static final long CSV_BYTES = 200L * 1024 * 1024;
    static final String ID = Actors.idNumber();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        Ledger.report(SWEEP, List.of("200 MB CSV: " + CSV_BYTES / (1024 * 1024) + " MiB offered, refused with 413"));
    }

    @Test
    void jsonBodiesAboveOneMebibyteAre413() {
        String staff = RunningSuite.tokenFor("limits-staff", "ld.lsj", "staff");
        byte[] big = ("{\"kind\":\"WORKER\",\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, Long> before = RowCounts.snapshot();
        Wire.Answer a = Wire.gateway("POST", "/api/v1/welfare/cases", staff, "application/json", big);
        assertEquals(413, a.status(), a.toString());
        assertNull(a.problemDefect(), a.toString());
        assertEquals(List.of(), RowCounts.differences(before, RowCounts.snapshot()));
    }

    /**
     * Issue 19.3: the gateway's own endpoints took bodies up to 21 MiB; now 4 KiB for {@code /auth/**} and 64 KiB for
     * accounts and orgs, 413 problem+json.
     */
    @Test
    void theGatewaysOwnEndpointsTakeSmallBodiesOnly() {
        String admin = RunningSuite.adminToken();
        byte[] fiveKib = ("{\"username\":\"someone\",\"password\":\"" + "x".repeat(5 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] hundredKib = ("{\"code\":\"ld.big\",\"name\":\"" + "x".repeat(100 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, Long> before = RowCounts.snapshot();
        for (Wire.Answer a : List.of(
                Wire.gateway("POST", "/auth/token", null, "application/json", fiveKib),
                Wire.gateway("POST", "/auth/refresh", null, "application/json", fiveKib),
                Wire.gateway("POST", "/api/v1/orgs", admin, "application/json", hundredKib),
                Wire.gateway("POST", "/api/v1/accounts", admin, "application/json", hundredKib))) {
            assertEquals(413, a.status(), a.toString());
            assertNull(a.problemDefect(), a.toString());
            Ledger.count(SWEEP, "own-endpoint bodies refused with 413");
        }
        assertEquals(List.of(), RowCounts.differences(before, RowCounts.snapshot()));
    }

    /** Chunked upload: the gateway cannot know the size up front and must stop reading at its 20 MiB CSV limit. */
    @Test
    void a200MegabyteCsvStreamIsRefusedEarlyWith413() throws Exception {
        String staff = RunningSuite.tokenFor("limits-staff", "ld.lsj", "staff");
        Map<String, Long> before = RowCounts.snapshot();
        Upload upload = stream("/api/v1/welfare/enrolments/import?programCode=job-training&year=2025", staff, true);
        Ledger.add(SWEEP, "csv MiB sent before the 413 (chunked)", (int) (upload.sent / (1024 * 1024)));
        assertTrue(upload.head.startsWith("HTTP/1.1 413"), "expected 413, got: " + upload.head);
        assertTrue(upload.head.toLowerCase().contains("content-type: application/problem+json"), upload.head);
        assertTrue(upload.sent < CSV_BYTES / 2, "the gateway read " + upload.sent + " bytes before refusing");
        assertEquals(List.of(), RowCounts.differences(before, RowCounts.snapshot()));
    }

    /** A declared Content-Length above the limit is refused before any of the body is read. */
    @Test
    void aDeclared200MegabyteCsvIsRefusedBeforeItsBody() throws Exception {
        String admin = RunningSuite.tokenFor("limits-admin", "ld", "admin");
        Upload upload = stream("/api/v1/honors/honors/import", admin, false);
        Ledger.add(SWEEP, "csv MiB sent before the 413 (Content-Length)", (int) (upload.sent / (1024 * 1024)));
        assertTrue(upload.head.startsWith("HTTP/1.1 413"), "expected 413, got: " + upload.head);
        assertTrue(upload.sent < CSV_BYTES / 2, "the gateway read " + upload.sent + " bytes before refusing");
    }

    /**
     * Slow-loris: a request whose body arrives one byte every two seconds. The gateway must answer (408/413/4xx) or
     * close the connection instead of holding it open for as long as the client keeps dribbling. The bound below is
     * a deadline for the test, not a performance figure.
     */
    @Test
    void aSlowBodyIsCutOff() throws Exception {
        String staff = RunningSuite.tokenFor("limits-staff", "ld.lsj", "staff");
        URI uri = URI.create(RunningSuite.GATEWAY);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/welfare/cases HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                    + staff + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long started = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(150)) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (SocketException e) {
                    closed = true;
                    break;
                }
                try {
                    int n;
                    byte[] buf = new byte[4096];
                    while ((n = in.read(buf)) > 0) {
                        answer.write(buf, 0, n);
                        if (in.available() == 0) {
                            break;
                        }
                    }
                    if (n < 0) {
                        closed = true;
                    } else if (answer.size() > 0) {
                        closed = true;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet: keep dribbling
                } catch (SocketException e) {
                    closed = true;
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            String head = answer.toString(StandardCharsets.ISO_8859_1);
            Ledger.report("slow-body", List.of("cut off after about " + seconds + " s" + (closed ? "" : " (NOT cut off)"),
                    "answer: " + head.lines().findFirst().orElse("(connection closed without an answer)")));
            assertTrue(closed, "the gateway kept a trickling request open for " + seconds + " s");
            if (!head.isEmpty()) {
                assertTrue(head.matches("(?s)HTTP/1\\.1 4\\d\\d .*"), head);
            }
        }
    }

    @Test
    void pageSizeIsCappedAt200() {
        String staff = RunningSuite.tokenFor("limits-staff", "ld.lsj", "staff");
        for (String list : List.of("/api/v1/welfare/cases", "/api/v1/honors/nominations", "/api/v1/welfare/funds")) {
            Wire.Answer max = Wire.gateway("GET", list + "?size=200", staff, null, null);
            assertEquals(200, max.status(), max.toString());
            assertTrue(max.json().path("items").size() <= 200);
            Wire.Answer over = Wire.gateway("GET", list + "?size=201", staff, null, null);
            assertEquals(400, over.status(), over.toString());
            assertNull(over.problemDefect(), over.toString());
        }
    }

    record Upload(String head, long sent) {
    }

    /**
     * Streams a generated CSV of about 200 MB (1.8 million rows) to {@code path}, chunked or with a declared length,
     * while a reader waits for the answer; stops writing as soon as the answer arrives or the connection closes.
     */
    private static Upload stream(String path, String token, boolean chunked) throws Exception {
        URI uri = URI.create(RunningSuite.GATEWAY);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            CompletableFuture<String> head = CompletableFuture.supplyAsync(() -> readHead(in));
            String headers = "POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: text/csv\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + CSV_BYTES + "\r\n") + "\r\n";
            out.write(headers.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long sent = 0;
            int row = 0;
            try {
                StringBuilder chunk = new StringBuilder(70_000);
                while (sent < CSV_BYTES && !head.isDone()) {
                    chunk.setLength(0);
                    while (chunk.length() < 64_000) {
                        chunk.append("Zhang San ").append(row++).append(",").append(ID).append(",ld.lsj,Lengshuijiang Steel Works Union\n");
                    }
                    byte[] data = chunk.toString().getBytes(StandardCharsets.US_ASCII);
                    if (chunked) {
                        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(data);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(data);
                    }
                    sent += data.length;
                }
            } catch (IOException e) {
                // the gateway closed the connection after its answer: what matters is the answer
            }
            return new Upload(head.get(120, TimeUnit.SECONDS), sent);
        }
    }

    private static String readHead(InputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
                if (b.size() > 4 && b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (IOException e) {
            return b.toString(StandardCharsets.ISO_8859_1) + " (" + e + ")";
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
