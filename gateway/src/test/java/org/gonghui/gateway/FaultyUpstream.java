package org.gonghui.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service that breaks the way a killed process does, on plain sockets so the moment is exact. The gateway routes
 * one service name per way of breaking to it (each with its own circuit breaker); the name in the path says what to
 * do:
 * <ul>
 * <li>{@code drops}: reads the whole request, then closes the connection without a byte of answer (FIN);</li>
 * <li>{@code resets}: reads the request head, then resets the connection (RST, what a killed process with unread
 * data in its socket does);</li>
 * <li>{@code dies-mid-request}: reads the head and a little of a long body, then resets;</li>
 * <li>{@code dies-mid-response}: reads the request, sends the head and part of a 100,000-byte body, then closes;</li>
 * <li>{@code slow}: answers 200 after 300 ms (for clients that give up first).</li>
 * </ul>
 */
final class FaultyUpstream {

    static final String[] WAYS = { "drops", "resets", "dies-mid-request", "dies-mid-response", "slow" };
    private static final Pattern WAY = Pattern.compile("^[A-Za-z]+ /api/v1/([a-z-]+)");
    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private final ServerSocket server;
    /** requests seen per way, so a test can tell that its request really reached the break (no open breaker) */
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    FaultyUpstream(int port) {
        try {
            server = new ServerSocket(port, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "faulty-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int seen(String way) {
        return seen.computeIfAbsent(way, w -> new AtomicInteger()).get();
    }

    private void accept() {
        while (true) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "faulty-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            while (true) { // keep-alive, as the real services
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                Matcher m = WAY.matcher(head);
                String way = m.find() ? m.group(1) : "none";
                seen.computeIfAbsent(way, w -> new AtomicInteger()).incrementAndGet();
                Matcher length = LENGTH.matcher(head);
                long bodyLength = length.find() ? Long.parseLong(length.group(1)) : 0;
                OutputStream out = socket.getOutputStream();
                switch (way) {
                    case "drops" -> {
                        in.skipNBytes(bodyLength);
                        return; // closed with nothing sent
                    }
                    case "resets" -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case "dies-mid-request" -> {
                        in.readNBytes(Math.min(1000, (int) bodyLength));
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case "dies-mid-response" -> {
                        in.skipNBytes(bodyLength);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                                + "[" + "0,".repeat(500)).getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        sleep(200);
                        return;
                    }
                    case "slow" -> {
                        in.skipNBytes(bodyLength);
                        sleep(300);
                        byte[] body = "{\"slow\":true}".getBytes(StandardCharsets.US_ASCII);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                    default -> {
                        // /q/openapi and anything else: nothing here
                        in.skipNBytes(bodyLength);
                        out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the gateway went away first: nothing to do
        }
    }

    /** The request line and headers, or null when the connection ended before a request. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
