package org.gonghui.gateway;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Helpers shared by the gateway tests: logging in, reading tokens, distinct client addresses. */
final class Gateway {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    private Gateway() {
    }

    /** A fresh client address (the test profile trusts X-Forwarded-For from localhost), so throttles don't mix. */
    static String newClientIp() {
        int n = CLIENTS.incrementAndGet();
        return "10.0." + (n / 250) + "." + (n % 250 + 1);
    }

    static String adminPassword() {
        try {
            String content = Files.readString(GatewayTestResource.credentialsFile);
            return content.lines().filter(l -> l.startsWith("password: ")).findFirst().orElseThrow()
                    .substring("password: ".length());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response login(String username, String password) {
        return login(username, password, newClientIp());
    }

    static Response login(String username, String password, String clientIp) {
        return given().header("X-Forwarded-For", clientIp).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/auth/token");
    }

    static String accessToken(String username, String password) {
        return login(username, password).then().statusCode(200).extract().path("accessToken");
    }

    static String adminToken() {
        return accessToken("admin", adminPassword());
    }

    static JsonNode part(String jwt, int index) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
