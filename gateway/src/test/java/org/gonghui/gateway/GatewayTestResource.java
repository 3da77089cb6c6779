package org.gonghui.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.gonghui.platform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The gateway signs with the platform's test key (so its tokens and {@code TestTokens} verify alike), publishes a
 * previous key too, writes the first admin's credentials to a temp file, and routes to stand-in services: honors
 * and welfare answer, volunteer is down.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PREVIOUS_KEY_ID = "test-key-previous";
    static StandInUpstream honors;
    static StandInUpstream welfare;
    static StandInVolunteers volunteers;
    static int deadPort;
    static Path credentialsFile;
    static KeyPair previousKeys;

    @Override
    public synchronized Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("gonghui-gateway-test");
            dir.toFile().deleteOnExit();
            Path signing = dir.resolve("signing-key.pem");
            Files.writeString(signing, pem("PRIVATE KEY", TestTokens.keys().getPrivate().getEncoded()));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            previousKeys = generator.generateKeyPair();
            Path previous = dir.resolve("previous.pub.pem");
            Files.writeString(previous, pem("PUBLIC KEY", previousKeys.getPublic().getEncoded()));
            credentialsFile = dir.resolve("admin-credentials");
            Files.deleteIfExists(credentialsFile);
            for (Path p : new Path[] { signing, previous }) {
                p.toFile().deleteOnExit();
            }
            credentialsFile.toFile().deleteOnExit();
            if (honors == null) {
                honors = new StandInUpstream("honors", true);
                welfare = new StandInUpstream("welfare", false);
                volunteers = new StandInVolunteers();
                try (ServerSocket socket = new ServerSocket(0)) {
                    deadPort = socket.getLocalPort(); // closed again: nothing listens there
                }
            }
            Map<String, String> config = new HashMap<>();
            config.put("gonghui.jwt.signing-key-file", signing.toString());
            config.put("gonghui.jwt.verify-key-file", TestTokens.publicKeyPem().toString());
            config.put("gonghui.jwt.key-id", TestTokens.KEY_ID);
            config.put("gonghui.jwt.previous-verify-key-file", previous.toString());
            config.put("gonghui.jwt.previous-key-id", PREVIOUS_KEY_ID);
            config.put("gonghui.admin.credentials-file", credentialsFile.toString());
            config.put("gonghui.routing.upstreams.honors", honors.url());
            config.put("gonghui.routing.upstreams.welfare", welfare.url());
            config.put("gonghui.routing.upstreams.volunteer", "http://127.0.0.1:" + deadPort);
            config.put("gonghui.accounts.volunteer-service-url", volunteers.url());
            config.put("gonghui.routing.timeout", "2s");
            // longer than the test's 5 s body timeout: a report waiting for a slow service is still answered
            config.put("gonghui.report.timeout", "6s");
            config.put("gonghui.routing.circuit-breaker.request-volume-threshold", "4");
            config.put("gonghui.routing.circuit-breaker.delay", "30s");
            return config;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Override
    public void stop() {
        // the stand-ins are daemon threads of the test JVM
    }
}
