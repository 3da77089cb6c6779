package org.gonghui.systemtests;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The suite started by {@code ./suite up}, reached only through the gateway: the first admin's credentials from
 * {@code .suite/admin-credentials}, accounts created through the accounts API, real tokens from {@code /auth/token}.
 */
public final class RunningSuite {

    public static final String GATEWAY = System.getenv().getOrDefault("GONGHUI_URL",
            "http://localhost:" + System.getenv().getOrDefault("SUITE_HTTP_PORT_BASE", "8080"));
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private RunningSuite() {
    }

    public static RequestSpecification as(String token) {
        return given().baseUri(GATEWAY).auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().baseUri(GATEWAY).contentType(ContentType.JSON);
    }

    public static String adminToken() {
        return TOKENS.computeIfAbsent("admin", k -> {
            Map<String, String> credentials = adminCredentials();
            return login(credentials.get("username"), credentials.get("password"));
        });
    }

    public static String login(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password)).post("/auth/token").then()
                .statusCode(200).extract().path("accessToken");
    }

    /** A token of a fresh account (unique per test run) at {@code org} with {@code roles}. */
    public static String tokenFor(String name, String org, String... roles) {
        return TOKENS.computeIfAbsent(name + "@" + org + ":" + String.join(",", roles), k -> {
            String username = name + "-" + RUN;
            String password = "Pw-" + UUID.randomUUID();
            as(adminToken()).body(Map.of("username", username, "password", password, "orgCode", org,
                    "roles", List.of(roles), "enabled", true)).post("/api/v1/accounts").then().statusCode(201);
            return login(username, password);
        });
    }

    static Map<String, String> adminCredentials() {
        Path root = Path.of(System.getProperty("gonghui.root", ".."));
        Path file = root.resolve(".suite/admin-credentials");
        try {
            Map<String, String> values = new ConcurrentHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    values.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("no admin credentials at " + file + ": run ./suite up first", e);
        }
    }
}
