package org.gonghui.platform.input;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.gonghui.platform.testing.GonghuiTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The checks every application gets from the platform (issues 19.13, 29.7, 29.16): text without controls, no
 * duplicate keys, typed query parameters answering 400 naming the parameter, and error messages in the API's words.
 */
@QuarkusTest
@QuarkusTestResource(value = GonghuiTestResource.class, restrictToAnnotatedClass = false)
class InputChecksTest {

    private static ValidatableResponse invalid(ValidatableResponse r, String field, String message) {
        return r.log().ifValidationFails().statusCode(400).contentType("application/problem+json").body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem(field)).body("errors.message", hasItem(message));
    }

    private static ValidatableResponse post(String json) {
        return given().contentType("application/json").body(json).post("/test/input").then();
    }

    @Test
    void wellFormedInputPasses() {
        given().urlEncodingEnabled(false)
                .get("/test/input?year=2026&kind=WORKER&from=2026-12-04T09:00:00%2B08:00&all=true&page=1&size=5")
                .then().log().ifValidationFails().statusCode(200).body(equalTo("2026 WORKER 2026-12-04T09:00+08:00 null null true 1 5"));
        post("{\"code\":\"a1\",\"name\":\"王小明\",\"reason\":\"line one\\nline two\\tend\",\"kind\":\"HOUSEHOLD\","
                + "\"details\":{\"note\":\"x\\ny\"},\"tags\":[\"a\"],\"nominee\":{\"name\":\"李\",\"note\":\"a\\nb\"}}")
                .statusCode(200).body("reason", equalTo("line one\nline two\tend"));
    }

    @Test
    void malformedQueryParametersAre400NamingTheParameter() {
        invalid(given().get("/test/input/extra?n=abc").then(), "n", "must be a whole number");
        invalid(given().get("/test/input?page=abc").then(), "page", "must be a whole number");
        invalid(given().get("/test/input?page=99999999999").then(), "page", "is out of range");
        invalid(given().get("/test/input?page=1.5").then(), "page", "must be a whole number");
        invalid(given().get("/test/input?size=0").then(), "size", "must be at least 1");
        invalid(given().get("/test/input?year=abc").then(), "year", "must be a whole number");
        invalid(given().get("/test/input?kind=FOO").then(), "kind", "must be one of WORKER, HOUSEHOLD, ENTERPRISE");
        invalid(given().get("/test/input?from=2026-12-04").then(), "from",
                "must be an ISO-8601 date-time with offset, like 2026-12-04T09:00:00+08:00");
        invalid(given().get("/test/input?id=nope").then(), "id", "must be a UUID");
        invalid(given().get("/test/input?all=yes").then(), "all", "must be true or false");
    }

    @Test
    void controlCharactersInParametersAre400() {
        invalid(given().urlEncodingEnabled(false).get("/test/input?award=loudi%00craftsman").then(), "award",
                SafeText.CONTROL_MESSAGE);
        invalid(given().urlEncodingEnabled(false).get("/test/input?award=a%E2%80%AEb").then(), "award",
                SafeText.DIRECTION_MESSAGE);
        invalid(given().urlEncodingEnabled(false).get("/test/input?award=a%0Ab").then(), "award",
                SafeText.LINE_BREAK_MESSAGE);
        invalid(given().urlEncodingEnabled(false).get("/test/input/a%00b").then(), "path", SafeText.CONTROL_MESSAGE);
    }

    @Test
    void controlCharactersInJsonAre400NamingTheField() {
        invalid(post("{\"name\":\"a\\u0000b\"}"), "name", SafeText.CONTROL_MESSAGE);
        invalid(post("{\"reason\":\"a\\u0007b\"}"), "reason", SafeText.CONTROL_MESSAGE);
        invalid(post("{\"reason\":\"a\\u202Eb\"}"), "reason", SafeText.DIRECTION_MESSAGE);
        invalid(post("{\"reason\":\"a\\u2067b\"}"), "reason", SafeText.DIRECTION_MESSAGE);
        invalid(post("{\"code\":\"a\\nb\"}"), "code", SafeText.LINE_BREAK_MESSAGE);
        invalid(post("{\"nominee\":{\"name\":\"a\\tb\"}}"), "nominee.name", SafeText.LINE_BREAK_MESSAGE);
        invalid(post("{\"details\":{\"note\":\"a\\u0000\"}}"), "details.note", SafeText.CONTROL_MESSAGE);
        invalid(post("{\"details\":{\"n\\u0000\":\"a\"}}"), "details", "keys " + SafeText.CONTROL_MESSAGE);
        invalid(post("{\"tags\":[\"ok\",\"\\u0000\"]}"), "tags[1]", SafeText.CONTROL_MESSAGE);
        // the refused value is never echoed back
        post("{\"name\":\"secret\\u0000\"}").body(not(containsString("secret")));
    }

    @Test
    void duplicateKeysAre400() {
        invalid(post("{\"code\":\"a1\",\"code\":\"a2\"}"), "code", "is given more than once");
        invalid(post("{\"nominee\":{\"name\":\"a\",\"name\":\"b\"}}"), "nominee.name", "is given more than once");
    }

    @Test
    void jsonErrorsSayWhatIsExpectedInApiWords() {
        invalid(post("{\"kind\":\"ALIEN\"}"), "kind", "must be one of WORKER, HOUSEHOLD, ENTERPRISE");
        invalid(post("{\"details\":\"x\"}"), "details", "must be an object");
        invalid(post("{\"at\":\"2026-12-04\"}"), "at",
                "must be an ISO-8601 date-time with offset, like 2026-12-04T09:00:00+08:00");
        invalid(post("{\"count\":\"many\"}"), "count", "must be a whole number");
        invalid(post("{\"tags\":{\"a\":1}}"), "tags", "must be an array");
        invalid(post("{\"nominee\":[1]}"), "nominee", "must be an object");
    }
}
